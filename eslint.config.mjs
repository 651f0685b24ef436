// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "release/", "node_modules/", "*.config.*"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ["./tsconfig.json", "./tsconfig.web.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          // node:test's describe and it return promises that the runner awaits itself.
          allowForKnownSafeCalls: [
            {
              from: "package",
              package: "node:test",
              name: ["describe", "it", "test", "suite"],
            },
          ],
        },
      ],
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-console": "error",
    },
  },
  {
    // Plain JavaScript build scripts are not part of a TypeScript project.
    files: ["**/*.mjs", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: "readonly", URL: "readonly", console: "readonly" },
    },
  },
  {
    // Only the desktop shell may load Electron; everything else must run under plain Node.
    files: ["main/**/*.ts"],
    ignores: ["main/desktop/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "electron",
              message: "Only main/desktop/ may import electron.",
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer runs in a sandboxed page: no Node built-ins.
    files: ["renderer/**/*.{ts,tsx}", "shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:*", "electron", "better-sqlite3"],
              message:
                "The renderer and shared code must not import Node or Electron modules.",
            },
          ],
        },
      ],
    },
  },
  {
    // Command-line entry points and tests print to the terminal on purpose.
    files: ["main/cli/**/*.ts", "scripts/**/*.ts", "test/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
