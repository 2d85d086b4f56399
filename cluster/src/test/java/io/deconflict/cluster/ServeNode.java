package io.deconflict.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.cli.ExitCodes;
import io.deconflict.cli.serve.ServeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** A {@code deconflict serve} in this JVM on a free port, stopped as SIGTERM would stop it. */
record ServeNode(
    URI api, StringWriter out, List<Thread> hooks, Future<Integer> exit, ExecutorService thread)
    implements AutoCloseable {

  private static final Pattern LISTENING =
      Pattern.compile("deconflict listening on (http://\\S+/api/v1)");

  static ServeNode start(Path config, Path data) throws Exception {
    List<Thread> hooks = new CopyOnWriteArrayList<>();
    CommandLine commandLine = new CommandLine(new ServeCommand(Map.of(), hooks::add));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Future<Integer> exit =
        thread.submit(
            () ->
                commandLine.execute(
                    "--config", config.toString(), "--port", "0", "--data", data.toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(out.toString());
      if (m.find()) {
        return new ServeNode(URI.create(m.group(1)), out, hooks, exit, thread);
      }
      if (exit.isDone()) {
        throw new AssertionError("serve ended with " + exit.get() + ": " + err + out);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("serve did not start within 60 s: " + err);
  }

  @Override
  public void close() throws Exception {
    for (Thread hook : hooks) {
      hook.start();
      hook.join(30_000);
    }
    assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    thread.shutdownNow();
  }
}
