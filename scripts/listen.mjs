// @ts-check
// Listening and closing for the loopback servers (stand-in, static files): resolve to the
// origin actually bound, and close without waiting for idle keep-alive connections.

/**
 * @param {import('node:http').Server} server
 * @returns {Promise<string>} `http://host:port`
 */
export function listen(server, port = 0, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(`http://${host}:${typeof address === 'object' && address ? address.port : port}`);
    });
  });
}

/** @param {import('node:http').Server} server */
export function close(server) {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve(undefined)));
}
