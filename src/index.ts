// The entry point `probot run` loads: the app with its settings from the environment, and graceful shutdown.
import { createApp } from "./app.js";
import { appIdFromEnv, queueOptionsFromEnv } from "./settings.js";
import { installShutdown } from "./shutdown.js";

const appId = appIdFromEnv(process.env);
const { app, handle } = createApp({ queue: queueOptionsFromEnv(process.env), ...(appId && { appId }) });
installShutdown(handle);

export default app;
