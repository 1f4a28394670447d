// The entry point `probot run` loads: the app with its settings from the environment, and graceful shutdown.
import { createApp } from "./app.js";
import { queueOptionsFromEnv } from "./settings.js";
import { installShutdown } from "./shutdown.js";

const appId = Number(process.env.APP_ID);
const { app, handle } = createApp({
  queue: queueOptionsFromEnv(process.env),
  ...(Number.isInteger(appId) && appId > 0 ? { appId } : {}),
});
installShutdown(() => handle.queue);

export default app;
