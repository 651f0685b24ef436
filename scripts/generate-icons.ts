// Renders the SVG sources in assets/ to the PNGs the app and electron-builder
// use. The PNGs are committed; run `npm run icons` after editing an SVG.
// electron-builder derives the .ico and .icns files from icon-512.png.
import fs from "node:fs";
import path from "node:path";

import { Resvg } from "@resvg/resvg-js";

const ASSETS = path.join(__dirname, "..", "assets");

const TRAY_VARIANTS = ["normal", "paused", "warning"] as const;

function render(svgFile: string, width: number, outFile: string): void {
  const svg = fs.readFileSync(path.join(ASSETS, svgFile), "utf8");
  const png = new Resvg(svg, { fitTo: { mode: "width", value: width } })
    .render()
    .asPng();
  fs.writeFileSync(path.join(ASSETS, outFile), png);
  console.log(`${outFile} (${width} px)`);
}

for (const size of [512, 256]) {
  render("icon.svg", size, `icon-${size}.png`);
}

for (const variant of TRAY_VARIANTS) {
  const source = path.join("tray", `tray-${variant}.svg`);
  render(source, 16, path.join("tray", `tray-${variant}.png`));
  render(source, 32, path.join("tray", `tray-${variant}@2x.png`));
}
