import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./styles.css";

import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { Root } from "./Root";
import { theme } from "./theme";

const container = document.getElementById("root");
if (container === null) {
  throw new Error("index.html has no #root element to render the inbox into.");
}

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" limit={4} />
      <Root />
    </MantineProvider>
  </StrictMode>,
);
