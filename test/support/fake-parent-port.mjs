// Stands in for Electron's utilityProcess `process.parentPort`, over Node's child-process IPC channel,
// so the app's trainer-process entry can run under plain Node in tests.
const listeners = new Map();
process.parentPort = {
  postMessage: (message) => process.send(message),
  on(event, listener) {
    const wrapped = (data) => listener({ data });
    listeners.set(listener, wrapped);
    process.on('message', wrapped);
  },
  off(event, listener) {
    process.off('message', listeners.get(listener));
  },
};
