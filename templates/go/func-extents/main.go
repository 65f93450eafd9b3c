// func-extents: where each function declaration of a coverage profile's files starts and ends,
// so patchproof counts coverage as `go tool cover -func` does: only blocks inside a function
// declaration with a body (a package-level `var _ = func() {…}` is left out), which a profile
// alone cannot tell. Built into the go image; standard library only (no module proxy here).
//
// Usage: func-extents <coverprofile> <packages>
// <packages> is `go list -f '{{.ImportPath}}\t{{.Dir}}' ./...` output, which places a profile's
// "import/path/file.go" on disk as go tool cover does. Prints one line per file it could parse:
// the file as the profile names it, then a tab and "startLine.startCol,endLine.endCol" for each
// function (none for a file without functions). A file it cannot find or parse is left out.
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: func-extents <coverprofile> <packages>")
		os.Exit(2)
	}
	dirs := map[string]string{}
	for _, line := range lines(os.Args[2]) {
		if importPath, dir, ok := strings.Cut(line, "\t"); ok {
			dirs[importPath] = dir
		}
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	seen := map[string]bool{}
	for _, line := range lines(os.Args[1]) {
		name, _, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, "mode:") || seen[name] {
			continue
		}
		seen[name] = true
		dir, ok := dirs[path.Dir(name)]
		if !ok {
			continue
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, filepath.Join(dir, path.Base(name)), nil, 0)
		if err != nil {
			continue
		}
		fmt.Fprint(out, name)
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue // assembly functions have no body and no blocks
			}
			start, end := fset.Position(fn.Pos()), fset.Position(fn.End())
			fmt.Fprintf(out, "\t%d.%d,%d.%d", start.Line, start.Column, end.Line, end.Column)
		}
		fmt.Fprintln(out)
	}
}

func lines(file string) []string {
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	return strings.Split(strings.TrimRight(string(data), "\n"), "\n")
}
