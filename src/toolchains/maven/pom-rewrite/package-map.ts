/**
 * Which Debian package holds a Maven artifact: a small curated map (groupId:artifactId first,
 * then the groupId alone) of bookworm's lib*-java packages (every name checked against bookworm's
 * package lists; Debian has no apt-file in the image). It only says what to install: whether the
 * artifact is really there is read from /usr/share/maven-repo after the install, so an entry
 * whose package lacks the artifact ends as a missing artifact, named, never as a wrong build.
 */

const BY_ARTIFACT: Readonly<Record<string, string>> = {
  'junit:junit': 'junit4',
  'org.hamcrest:hamcrest': 'libhamcrest-java',
  'org.hamcrest:hamcrest-core': 'libhamcrest-java',
  'org.hamcrest:hamcrest-library': 'libhamcrest-java',
  'org.hamcrest:hamcrest-all': 'libhamcrest-java',
  'com.google.code.gson:gson': 'libgoogle-gson-java',
  'com.google.code.findbugs:jsr305': 'libjsr305-java',
  'com.google.guava:guava': 'libguava-java',
  'com.google.errorprone:error_prone_annotations': 'liberror-prone-java',
  'org.apache.commons:commons-lang3': 'libcommons-lang3-java',
  'org.apache.commons:commons-text': 'libcommons-text-java',
  'org.apache.commons:commons-collections4': 'libcommons-collections4-java',
  'org.apache.commons:commons-compress': 'libcommons-compress-java',
  'org.apache.commons:commons-math3': 'libcommons-math3-java',
  'org.apache.commons:commons-parent': 'libcommons-parent-java',
  'commons-io:commons-io': 'libcommons-io-java',
  'commons-codec:commons-codec': 'libcommons-codec-java',
  'commons-lang:commons-lang': 'libcommons-lang-java',
  'commons-logging:commons-logging': 'libcommons-logging-java',
  'commons-cli:commons-cli': 'libcommons-cli-java',
  'commons-collections:commons-collections': 'libcommons-collections3-java',
  'com.h2database:h2': 'libh2-java',
  'javax.servlet:javax.servlet-api': 'libservlet-api-java',
  'org.assertj:assertj-core': 'libassertj-core-java',
  'org.easymock:easymock': 'libeasymock-java',
  'org.objenesis:objenesis': 'libobjenesis-java',
  'net.bytebuddy:byte-buddy': 'libbyte-buddy-java',
  'net.bytebuddy:byte-buddy-agent': 'libbyte-buddy-java',
  'org.yaml:snakeyaml': 'libyaml-snake-java',
  'org.xmlunit:xmlunit-core': 'libxmlunit-java',
  'joda-time:joda-time': 'libjoda-time-java',
  'org.jsoup:jsoup': 'libjsoup-java',
};

const BY_GROUP: Readonly<Record<string, string>> = {
  'org.junit.jupiter': 'junit5',
  'org.junit.platform': 'junit5',
  'org.junit.vintage': 'junit5',
  'org.opentest4j': 'libopentest4j-java',
  'org.apiguardian': 'libapiguardian-java',
  'org.mockito': 'libmockito-java',
  'org.eclipse.jetty': 'libjetty9-java',
  'org.slf4j': 'libslf4j-java',
  'com.fasterxml.jackson.core': 'libjackson2-core-java',
  'org.ow2.asm': 'libasm-java',
  'org.apache.logging.log4j': 'liblog4j2-java',
  'log4j': 'liblog4j1.2-java',
  'org.testng': 'testng',
};

/** The Debian package to install for groupId:artifactId, or null when the map does not know it. */
export function packageFor(groupId: string, artifactId: string): string | null {
  return BY_ARTIFACT[`${groupId}:${artifactId}`] ?? BY_GROUP[groupId] ?? null;
}
