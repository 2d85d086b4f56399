package io.deconflict.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import io.deconflict.cli.ExitCodes;
import io.deconflict.service.Json;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve} with a {@code tak} section starts the CoT listener beside the HTTP API. */
class ServeTakTest {

  private static final Pattern TAK =
      Pattern.compile("TAK listener for Cursor on Target on tcp://127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;

  private Path init(String takSection) throws Exception {
    Path file = dir.resolve("deconflict.json");
    Result init = Cli.run("init", "--config", file.toString());
    assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(file));
    root.set("tak", Json.MAPPER.readTree(takSection));
    root.put("port", 0).put("data", dir.resolve("data").toString());
    Files.writeString(file, Json.MAPPER.writeValueAsString(root));
    Matcher m =
        Pattern.compile("(?m)^us-officer\\s+\\S+\\s+\\S+\\s+(dct_\\S+)$").matcher(init.out());
    assertThat(m.find()).isTrue();
    Files.writeString(dir.resolve("token"), m.group(1));
    return file;
  }

  @Test
  void aTakClientSignsInWithAMembersToken() throws Exception {
    Path file = init("{\"tcpPort\": 0}");
    String token = Files.readString(dir.resolve("token"));
    List<Thread> hooks = new CopyOnWriteArrayList<>();
    CommandLine cl = new CommandLine(new ServeCommand(Map.of(), hooks::add));
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> running = thread.submit(() -> cl.execute("--config", file.toString()));
      Matcher m = TAK.matcher("");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(m = TAK.matcher(out.toString())).find() && System.nanoTime() < deadline) {
        assertThat(running).isNotDone();
        Thread.sleep(20);
      }
      int port = Integer.parseInt(m.group(1));
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        s.getOutputStream()
            .write(
                ("<auth><cot username=\"us-officer\" password=\"" + token + "\"/></auth>")
                    .getBytes(StandardCharsets.UTF_8));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!got.toString(StandardCharsets.UTF_8).contains("signed in as us-officer of us")) {
          int n = in.read(buf);
          assertThat(n).isPositive();
          got.write(buf, 0, n);
        }
        assertThat(got.toString(StandardCharsets.UTF_8))
            .contains("t-x-takp-v")
            .doesNotContain(token);
      }
      hooks.get(0).start();
      hooks.get(0).join(30_000);
      assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    } finally {
      for (Thread hook : hooks) {
        if (hook.getState() == Thread.State.NEW) {
          hook.start();
        }
      }
      thread.shutdownNow();
    }
  }

  @Test
  void anInvalidTakSectionIsAnInputErrorNamingTheField() throws Exception {
    Path file =
        init(
            "{\"tcpPort\": 0, \"certificates\": [{\"member\": \"nobody\", \"subject\": \"CN=x\"}]}");
    Result result = Cli.run("serve", "--config", file.toString());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err())
        .contains("tak.certificates[0].member \"nobody\" is not a configured member");
  }
}
