import { createServer } from "node:http";

/**
 * The ceiling for the webhook benchmark: a bare node:http server on
 * 127.0.0.1 that reads the whole body and responds 200 with a small JSON
 * body, without auth, parsing or storage. It prints one JSON line with its
 * port once listening and runs until it receives SIGTERM.
 */
const server = createServer((request, response) => {
  let bytes = 0;
  request.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
  });
  request.on("end", () => {
    const body = JSON.stringify({ status: "processed", bytes });
    response.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
    });
    response.end(body);
  });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port =
    typeof address === "object" && address !== null ? address.port : 0;
  process.stdout.write(
    `${JSON.stringify({ msg: "baseline listening", port })}\n`,
  );
});

process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
