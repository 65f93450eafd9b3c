// Node's globals as tsc sees them without @types/node (bookworm does not package it) and without
// lib.dom (tsc runs with --lib es2020: the DOM's declarations more than double its start-up):
// loose on purpose, so a snippet using console, timers, process or require compiles; node checks
// the rest at run time.
declare var console: any;
declare var process: any;
declare var require: any;
declare var module: any;
declare var exports: any;
declare var Buffer: any;
declare var __dirname: string;
declare var __filename: string;
declare function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function setInterval(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function setImmediate(callback: (...args: any[]) => void, ...args: any[]): any;
declare function clearTimeout(handle: any): void;
declare function clearInterval(handle: any): void;
declare function queueMicrotask(callback: () => void): void;
