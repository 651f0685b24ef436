import { createTheme } from "@mantine/core";

/** A calm, dense desktop look: small controls, system fonts, visible keyboard focus. */
export const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "sm",
  focusRing: "auto",
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  fontFamilyMonospace:
    "ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  components: {
    Button: { defaultProps: { size: "xs" } },
    TextInput: { defaultProps: { size: "xs" } },
    PasswordInput: { defaultProps: { size: "xs" } },
    Select: { defaultProps: { size: "xs" } },
    MultiSelect: { defaultProps: { size: "xs" } },
    SegmentedControl: { defaultProps: { size: "xs" } },
    Switch: { defaultProps: { size: "sm" } },
    Checkbox: { defaultProps: { size: "xs" } },
    Badge: {
      defaultProps: { size: "sm", radius: "sm" },
      styles: { root: { textTransform: "none", overflow: "visible" } },
    },
    Table: {
      defaultProps: {
        fz: "xs",
        verticalSpacing: 4,
        horizontalSpacing: "xs",
        highlightOnHover: true,
      },
    },
  },
});
