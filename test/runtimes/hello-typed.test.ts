/**
 * Hello world and an error in typescript and go (java and rust: hello-jvm-rust.test.ts): the compile
 * step's complaint mapped to the user's line, and a run-time failure mapped likewise.
 */
import { describeCompiled } from './compiled-cases.js';

describeCompiled(['typescript', 'go'], ['javascript', 'go']);
