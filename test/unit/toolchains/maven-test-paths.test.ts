/** Maven's tests and test support: surefire's default includes, the rest of src/test, .mvn/, and pom.xml's build part. */
import { describe, expect, it } from 'vitest';
import { mavenTestPaths, pomPart } from '../../../src/toolchains/maven/maven-test-paths.js';
import { project, rolesOf, touched } from './touched-file.js';

const POM = `<project>
  <groupId>com.example</groupId><artifactId>calc</artifactId><version>1.0</version>
  <properties><maven.compiler.release>17</maven.compiler.release></properties>
  <dependencies><dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.9.1</version><scope>test</scope></dependency></dependencies>
  <build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId><version>3.0.0</version></plugin></plugins></build>
</project>`;

describe('Maven test paths', () => {
  it('names surefire\'s default test classes as tests and the rest of src/test as support, in any module', () => {
    expect(rolesOf(mavenTestPaths, ['src/test/java/com/example/CalcTest.java', 'core/src/test/java/TestParser.java', 'src/test/java/com/example/CalcTests.java', 'src/test/java/com/example/Fixtures.java', 'src/test/resources/junit-platform.properties', 'src/main/java/com/example/Calc.java', '.mvn/jvm.config'])).toEqual({
      'src/test/java/com/example/CalcTest.java': 'test',
      'core/src/test/java/TestParser.java': 'test',
      'src/test/java/com/example/CalcTests.java': 'test',
      'src/test/java/com/example/Fixtures.java': 'support',
      'src/test/resources/junit-platform.properties': 'support',
      'src/main/java/com/example/Calc.java': null,
      '.mvn/jvm.config': 'support',
    });
  });

  it('counts pom.xml when its build, profiles or properties change, not its dependencies or coordinates', () => {
    const depBump = POM.replace('5.9.1', '5.10.0').replace('<version>1.0</version>', '<version>1.1</version>');
    const skipTests = POM.replace('<version>3.0.0</version>', '<version>3.0.0</version><configuration><testFailureIgnore>true</testFailureIgnore></configuration>');
    const property = POM.replace('</properties>', '<skipTests>true</skipTests></properties>');
    const reformatted = POM.replace('<build><plugins>', '<build>\n    <!-- plugins -->\n    <plugins>');
    expect(mavenTestPaths.roleOf(touched('pom.xml', depBump, POM), project())).toBeNull();
    expect(mavenTestPaths.roleOf(touched('pom.xml', reformatted, POM), project())).toBeNull();
    expect(mavenTestPaths.roleOf(touched('pom.xml', skipTests, POM), project())).toBe('support');
    expect(mavenTestPaths.roleOf(touched('core/pom.xml', property, POM), project())).toBe('support');
    expect(pomPart(POM)).toContain('maven-surefire-plugin');
    expect(pomPart(POM)).not.toContain('junit-jupiter');
  });
});
