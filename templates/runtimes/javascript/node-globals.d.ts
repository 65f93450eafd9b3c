// Node's globals as tsc sees them without @types/node (bookworm does not package it): loose on
// purpose, so a snippet that uses process, require or Buffer compiles; node checks the rest at run.
declare var process: any;
declare var require: any;
declare var module: any;
declare var exports: any;
declare var Buffer: any;
declare var __dirname: string;
declare var __filename: string;
