// Offline stand-in for `jacococli report` / `jacoco:report`, neither of which Debian packages.
// Built at image build time against Debian's libjacoco-java 0.8.6 (org.jacoco.core,
// org.jacoco.report) and run with libasm-java 9.4.
//
// Usage: JacocoReport <out.xml> <projectRoot> <exec file>...
// Analyses every **/target/classes under projectRoot (so multi-module builds work), resolves
// sources from every **/src/main/java, writes one JaCoCo XML report and prints a summary line.
// Exits 1 without writing anything when no exec file exists: no recorded execution data means
// coverage was not measured, which must not read as "0% covered".
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.tools.ExecFileLoader;
import org.jacoco.report.DirectorySourceFileLocator;
import org.jacoco.report.IReportVisitor;
import org.jacoco.report.MultiSourceFileLocator;
import org.jacoco.report.xml.XMLFormatter;

public class JacocoReport {
    private static final int TAB_WIDTH = 4;

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: JacocoReport <out.xml> <projectRoot> <exec>...");
            System.exit(2);
        }
        File out = new File(args[0]);
        Path root = Paths.get(args[1]).toAbsolutePath().normalize();

        ExecFileLoader loader = new ExecFileLoader();
        int loaded = 0;
        for (int i = 2; i < args.length; i++) {
            File exec = new File(args[i]);
            if (exec.isFile()) {
                loader.load(exec);
                loaded++;
            }
        }
        if (loaded == 0) {
            System.err.println("jacoco: no execution data (no exec file was written); no report");
            System.exit(1);
        }

        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(root)) {
            // Our own report folder is never project code.
            dirs = walk.filter(Files::isDirectory)
                .filter(p -> !p.toString().contains("/.patchproof"))
                .collect(Collectors.toList());
        }
        List<Path> classDirs = dirs.stream().filter(p -> p.endsWith(Paths.get("target", "classes"))).collect(Collectors.toList());
        List<Path> sourceDirs = dirs.stream().filter(p -> p.endsWith(Paths.get("src", "main", "java"))).collect(Collectors.toList());

        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(loader.getExecutionDataStore(), builder);
        for (Path classes : classDirs) analyzer.analyzeAll(classes.toFile());
        String name = root.getFileName() == null ? "project" : root.getFileName().toString();
        IBundleCoverage bundle = builder.getBundle(name);

        File parent = out.getAbsoluteFile().getParentFile();
        if (parent != null) parent.mkdirs();
        try (OutputStream stream = new FileOutputStream(out)) {
            XMLFormatter xml = new XMLFormatter();
            xml.setOutputEncoding("UTF-8");
            IReportVisitor visitor = xml.createVisitor(stream);
            visitor.visitInfo(loader.getSessionInfoStore().getInfos(), loader.getExecutionDataStore().getContents());
            MultiSourceFileLocator locator = new MultiSourceFileLocator(TAB_WIDTH);
            for (Path sources : sourceDirs) locator.add(new DirectorySourceFileLocator(sources.toFile(), "UTF-8", TAB_WIDTH));
            visitor.visitBundle(bundle, locator);
            visitor.visitEnd();
        }

        ICounter lines = bundle.getLineCounter();
        ICounter branches = bundle.getBranchCounter();
        System.out.printf("jacoco: %d classes, lines %d/%d, branches %d/%d, from %s%n",
            bundle.getClassCounter().getTotalCount(), lines.getCoveredCount(), lines.getTotalCount(),
            branches.getCoveredCount(), branches.getTotalCount(), classDirs.stream().map(root::relativize).collect(Collectors.toList()));
    }
}
