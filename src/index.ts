// The entry point `probot run` loads: the app with its settings from the environment, and graceful shutdown.
import { createApp } from "./app.js";
import { settingsOrExit } from "./settings.js";
import { installShutdown } from "./shutdown.js";

const { app, handle } = createApp(settingsOrExit(process.env));
installShutdown(handle);

export default app;
