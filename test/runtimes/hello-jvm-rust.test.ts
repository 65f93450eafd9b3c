/**
 * Hello world and an error in java and rust (typescript and go: hello-typed.test.ts): the compile
 * step's complaint mapped to the user's line, and a run-time failure mapped likewise.
 */
import { describeCompiled } from './compiled-cases.js';

describeCompiled(['java', 'rust'], ['java', 'rust']);
