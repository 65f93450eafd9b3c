/** Hello world, a compile error and a run-time error per compiled runtime, with where each error must be placed. */
export const COMPILED_CASES = [
  {
    language: 'typescript',
    hello: 'const who: string = "hello";\nconsole.log(who);\n',
    compileError: 'const n: number = 1;\nconst s: string = n;\n',
    compileType: 'TS2322',
    runError: 'function f(): never {\n  throw new RangeError("too far");\n}\nf();\n',
    runType: 'RangeError',
    runLine: 2,
  },
  {
    language: 'go',
    hello: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello")\n}\n',
    compileError: 'package main\n\nfunc main() {\n\tx := undefinedThing\n}\n',
    compileType: 'compile error',
    runError: 'package main\n\nfunc main() {\n\tvar a []int\n\t_ = a[3]\n}\n',
    runType: 'runtime error',
    runLine: 5,
  },
  {
    language: 'java',
    hello: 'public class Main {\n  public static void main(String[] a) {\n    System.out.println("hello");\n  }\n}\n',
    compileError: 'public class Main {\n  public static void main(String[] a) {\n    int x = y;\n  }\n}\n',
    compileType: 'compile error',
    runError: 'public class Main {\n  public static void main(String[] a) {\n    Object o = null;\n    o.toString();\n  }\n}\n',
    runType: 'NullPointerException',
    runLine: 4,
  },
  {
    language: 'rust',
    hello: 'fn main() {\n    println!("hello");\n}\n',
    compileError: 'fn main() {\n    let a = 1;\n    println!("{}", b);\n}\n',
    compileType: 'error[E0425]',
    runError: 'fn main() {\n    let v: Vec<i32> = Vec::new();\n    let i = v.len() + 3;\n    println!("{}", v[i]);\n}\n',
    runType: 'panic',
    runLine: 4,
  },
] as const;
