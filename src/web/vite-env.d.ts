// Gives TypeScript Vite's ambient types (CSS modules, import.meta.env) for the web app only.
/// <reference types="vite/client" />
