#!/bin/sh
# Runs JacocoReport (compiled at image build time) on Debian's JaCoCo 0.8.6 and ASM 9 jars.
# The JVM options are fixed here so MAVEN_OPTS' javaagent never attaches to the reporter.
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto \
  -cp /opt/jacoco/classes:/usr/share/java/org.jacoco.core.jar:/usr/share/java/org.jacoco.report.jar:/usr/share/java/asm.jar:/usr/share/java/asm-commons.jar:/usr/share/java/asm-tree.jar \
  JacocoReport "$@"
