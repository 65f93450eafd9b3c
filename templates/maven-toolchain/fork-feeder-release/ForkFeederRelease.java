import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * In Maven's JVM only. Surefire 2.22.3 as Debian builds it shades maven-shared-utils 3.3.4, whose
 * CommandLineUtils waits, once the forked JVM has exited, for the thread feeding the fork's stdin
 * before it runs Surefire's closer; that thread sleeps until the next command, the 10-second ping.
 * When a thread waits on such a feeder from CommandLineUtils' call (so after Process.waitFor
 * returned: the fork is gone), this closes the feeder's command stream, as the closer would.
 */
public final class ForkFeederRelease {
  private static final String FEEDER = "org.apache.maven.surefire.shade.org.apache.maven.shared.utils.cli.StreamFeeder";
  private static final String CALLER = "org.apache.maven.surefire.shade.org.apache.maven.shared.utils.cli.CommandLineUtils$";
  private static final String STREAMS = "org.apache.maven.plugin.surefire.booterclient.lazytestprovider.";

  private ForkFeederRelease() {}

  public static void premain(String args, Instrumentation inst) {
    Thread watcher = new Thread(ForkFeederRelease::watch, "patchproof-fork-feeder-release");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void watch() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    while (true) {
      try {
        Thread.sleep(50);
        releaseFinished(mx);
      } catch (InterruptedException e) {
        return;
      } catch (Throwable e) {
        // Never disturb Maven: at worst the ping ends the wait, as without this agent.
      }
    }
  }

  private static void releaseFinished(ThreadMXBean mx) throws ReflectiveOperationException, java.io.IOException {
    Map<Integer, Thread> feeders = new HashMap<>();
    Thread[] all = new Thread[Thread.activeCount() + 16];
    int n = rootGroup().enumerate(all, true);
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = all[i].getId();
      if (all[i].getClass().getName().equals(FEEDER)) feeders.put(System.identityHashCode(all[i]), all[i]);
    }
    if (feeders.isEmpty()) return;
    for (ThreadInfo info : mx.getThreadInfo(ids, 4)) {
      if (info == null || info.getThreadState() != Thread.State.WAITING) continue;
      LockInfo lock = info.getLockInfo();
      if (lock == null || !lock.getClassName().equals(FEEDER)) continue;
      Thread feeder = feeders.get(lock.getIdentityHashCode());
      if (feeder == null || !calledAfterExit(info.getStackTrace())) continue;
      InputStream commands = commandStream(feeder);
      if (commands != null && commands.getClass().getName().startsWith(STREAMS)) commands.close();
    }
  }

  /** waitUntilDone called from CommandLineUtils' callable, which reaches it only after waitFor. */
  private static boolean calledAfterExit(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().startsWith(CALLER) && frame.getMethodName().equals("call")) return true;
    }
    return false;
  }

  private static InputStream commandStream(Thread feeder) throws ReflectiveOperationException {
    Field field = feeder.getClass().getDeclaredField("input");
    field.setAccessible(true);
    Object ref = field.get(feeder);
    if (!(ref instanceof AtomicReference<?> atomic)) return null;
    return atomic.get() instanceof InputStream in ? in : null;
  }

  private static ThreadGroup rootGroup() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group.getParent() != null) group = group.getParent();
    return group;
  }
}
