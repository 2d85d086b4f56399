package io.deconflict.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import io.deconflict.tak.TakListener;
import io.deconflict.tak.TakSettings;
import io.deconflict.testkit.options.BenchOptions;
import io.deconflict.testkit.options.BenchOptions.NonNegativeInt;
import io.deconflict.testkit.options.BenchOptions.PositiveDouble;
import io.deconflict.testkit.options.BenchOptions.PositiveInt;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load on the TAK listener over real sockets, in one JVM with the service (SQLite journal, group
 * commit): (1) fan-out: many clients each reporting its unit every few seconds, and the time from a
 * report leaving its client to its arrival at each client of a party allowed to see it; (2)
 * throughput: a few clients sending position events as fast as the listener takes them. See {@code
 * docs/benchmarks.md}, "TAK listener". Not a test: run by hand.
 */
@Command(
    sortOptions = false,
    name = "TakBench",
    customSynopsis = "java -Xms4g -Xmx4g -cp benchmarks.jar io.deconflict.bench.TakBench [options]",
    footer = "Numbers may use _ as a thousands separator: 10_000.")
public final class TakBench {

  @Option(
      names = "--clients",
      paramLabel = "C",
      converter = PositiveInt.class,
      description = "fan-out clients, one unit each (default 5000)")
  int clients = 5000;

  @Option(
      names = "--parties",
      paramLabel = "N",
      converter = PositiveInt.class,
      description = "parties p0..pN-1, client i in party i mod N (default 10)")
  int parties = 10;

  @Option(
      names = "--share",
      paramLabel = "HOW",
      description = "pairs (p0-p1, p2-p3, ...), none or all share positions (default pairs)")
  String share = "pairs";

  @Option(
      names = "--interval-s",
      paramLabel = "S",
      converter = PositiveDouble.class,
      description = "seconds between a fan-out client's reports (default 5)")
  double intervalSeconds = 5;

  @Option(
      names = "--warmup-s",
      paramLabel = "S",
      converter = NonNegativeInt.class,
      description = "seconds at full rate before the window (default 10)")
  int warmupSeconds = 10;

  @Option(
      names = "--ramp-s",
      paramLabel = "S",
      converter = NonNegativeInt.class,
      description = "seconds over which the fan-out clients start reporting (default 10)")
  int rampSeconds = 10;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      converter = PositiveInt.class,
      description = "length of the measured window (default 30)")
  int seconds = 30;

  @Option(
      names = "--fast-clients",
      paramLabel = "F",
      converter = PositiveInt.class,
      description = "throughput clients on blocking sockets (default 4)")
  int fastClients = 4;

  @Option(
      names = "--units",
      paramLabel = "U",
      converter = PositiveInt.class,
      description = "units per throughput client (default 10000)")
  int unitsPerFastClient = 10_000;

  @Option(
      names = "--only",
      paramLabel = "WHAT",
      split = ",",
      description = "fanout and/or throughput (default both)")
  List<String> only = List.of("fanout", "throughput");

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "this text")
  boolean help;

  TakBench() {}

  public static void main(String[] args) throws Exception {
    Optional<TakBench> parsed = BenchOptions.parseOrExit("tak bench", new TakBench(), args);
    if (parsed.isEmpty()) {
      return;
    }
    TakBench b = parsed.get();
    System.out.printf(
        Locale.ROOT,
        "TakBench %s, %d processors, max heap %d MiB%n",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    if (b.only.contains("fanout")) {
      b.fanout();
    }
    if (b.only.contains("throughput")) {
      b.throughput();
    }
    System.exit(0);
  }

  /** The service and listener for a run: parties p0..pN-1, one officer each, the agreements. */
  private static final class Service implements AutoCloseable {
    final Path dir;
    final ServiceRuntime runtime;
    final Application app;
    final TakListener listener;

    Service(int parties, String share) throws IOException {
      dir = Files.createTempDirectory("takbench");
      List<Party> ps = new ArrayList<>();
      List<Member> ms = new ArrayList<>();
      for (int i = 0; i < parties; i++) {
        ps.add(new Party("p" + i, "Party " + i, "en"));
        ms.add(
            new Member(
                "p" + i + "-officer",
                "p" + i,
                Role.OFFICER,
                "officer",
                Tokens.sha256("token-p" + i)));
      }
      ms.add(
          new Member(
              "operator", "mechanism", Role.OPERATOR, "operator", Tokens.sha256("token-op")));
      Directory directory = new Directory(ps, ms);
      runtime =
          ServiceRuntime.open(
              dir,
              directory,
              Defaults.STANDARD,
              Clock.systemUTC(),
              ServiceRuntime.DEFAULT_TICK_MILLIS);
      app = runtime.application();
      Member op = directory.member("operator").orElseThrow();
      for (int a = 0; a < parties; a++) {
        for (int b = a + 1; b < parties; b++) {
          boolean shares =
              share.equals("all") || (share.equals("pairs") && a % 2 == 0 && b == a + 1);
          if (!shares) {
            continue;
          }
          ObjectNode ag = Json.object();
          ag.putArray("parties").add("p" + a).add("p" + b);
          ag.put("effectiveFrom", "2020-01-01T00:00:00Z");
          ag.putObject("sharing").put("p" + a, "positions").put("p" + b, "positions");
          app.submit(op, Deconfliction.AGREEMENT_SET, ag);
        }
      }
      listener =
          TakListener.start(
              app,
              directory,
              TakSettings.plain("127.0.0.1", 0).withLimits(1 << 20, 16 << 20),
              Clock.systemUTC());
    }

    @Override
    public void close() {
      listener.close();
      runtime.close();
    }
  }

  private static String auth(int party) {
    return "<auth><cot username=\"p"
        + party
        + "-officer\" password=\"token-p"
        + party
        + "\"/></auth>";
  }

  private static byte[] atom(String uid, double lat, double lon, Instant t) {
    String time = t.toString();
    return ("<event version=\"2.0\" uid=\""
            + uid
            + "\" type=\"a-f-G-U-C\" how=\"m-g\" time=\""
            + time
            + "\" start=\""
            + time
            + "\" stale=\""
            + t.plusSeconds(60)
            + "\"><point lat=\""
            + lat
            + "\" lon=\""
            + lon
            + "\" hae=\"0\" ce=\"10\" le=\"10\"/><detail><contact callsign=\""
            + uid
            + "\"/><track course=\"0\" speed=\"0\"/></detail></event>")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Counts atoms arriving at one client and, for one in 16, records report-to-arrival latency. A
   * byte-level matcher (no XML parsing, which in the same JVM would take processor time from the
   * server): it follows {@code type="a-}, {@code start="...} and {@code </event>}.
   */
  private static final class Receiver extends ChannelInboundHandlerAdapter
      implements io.netty.util.ByteProcessor {
    private static final byte[] END = "</event>".getBytes(StandardCharsets.US_ASCII);
    private final Recorder recorder;
    private int endMatch;
    private long seen;

    Receiver(Recorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public boolean process(byte b) {
      return true; // not used: see channelRead
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      try {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        // "</event>" split across reads: finish it
        if (endMatch > 0) {
          int k = 0;
          while (endMatch < END.length && i + k < end && buf.getByte(i + k) == END[endMatch]) {
            endMatch++;
            k++;
          }
          if (endMatch == END.length) {
            event(buf, i + k, end);
          }
          endMatch = 0;
        }
        while (i < end) {
          int lt = buf.indexOf(i, end, (byte) '<');
          if (lt < 0) {
            break;
          }
          int n = Math.min(END.length, end - lt);
          int m = 0;
          while (m < n && buf.getByte(lt + m) == END[m]) {
            m++;
          }
          if (m == END.length) {
            event(buf, lt + m, end);
          } else if (m == n && lt + n == end) {
            endMatch = m; // the tag continues in the next read
          }
          i = lt + 1;
        }
      } finally {
        buf.release();
      }
    }

    /**
     * An event ended at {@code end} in this read; one in 16 is sampled, from its own text if it
     * arrived whole in this read (else the next one is).
     */
    private void event(ByteBuf buf, int end, int limit) {
      recorder.count();
      if ((++seen & 15) != 0) {
        return;
      }
      int from = Math.max(buf.readerIndex(), end - 1200);
      String tail = buf.toString(from, end - from, StandardCharsets.ISO_8859_1);
      int ev = tail.lastIndexOf("<event ");
      String doc = ev < 0 ? "" : tail.substring(ev);
      int s = doc.indexOf(" start=\"");
      int q = s < 0 ? -1 : doc.indexOf('"', s + 8);
      if (!doc.contains(" type=\"a-") || q < 0) {
        seen--; // try the next one
        return;
      }
      Instant arrived = Instant.now();
      Instant start = Instant.parse(doc.substring(s + 8, q));
      recorder.sample(
          (arrived.getEpochSecond() - start.getEpochSecond()) * 1_000_000
              + (arrived.getNano() - start.getNano()) / 1000);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** Latency samples in microseconds, kept only while measuring. Single-threaded (one loop). */
  private static final class Recorder {
    volatile boolean measuring;
    long[] samples = new long[1 << 20];
    int n;
    long arrivals;

    synchronized long arrivals() {
      return arrivals;
    }

    synchronized void count() {
      arrivals++;
    }

    synchronized void sample(long micros) {
      if (!measuring) {
        return;
      }
      if (n == samples.length) {
        samples = Arrays.copyOf(samples, n * 2);
      }
      samples[n++] = micros;
    }
  }

  private void fanout() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "%n## fan-out: %d clients, %d parties, sharing %s, a report every %.1f s each; ramp %d s,"
            + " warm-up %d s, window %d s%n",
        clients,
        parties,
        share,
        intervalSeconds,
        rampSeconds,
        warmupSeconds,
        seconds);
    Recorder recorder = new Recorder();
    try (Service svc = new Service(parties, share)) {
      EventLoopGroup group = new NioEventLoopGroup(1);
      Bootstrap boot =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline().addLast(new Receiver(recorder));
                    }
                  });
      Channel[] channels = new Channel[clients];
      long t0 = System.nanoTime();
      for (int i = 0; i < clients; i++) {
        channels[i] = boot.connect("127.0.0.1", svc.listener.tcpPort()).sync().channel();
        channels[i].writeAndFlush(
            Unpooled.wrappedBuffer(auth(i % parties).getBytes(StandardCharsets.US_ASCII)));
      }
      while (svc.listener.connections() < clients) {
        Thread.sleep(10);
      }
      System.out.printf(
          Locale.ROOT,
          "connected and signed in %d clients in %.1f s%n",
          clients,
          (System.nanoTime() - t0) / 1e9);
      Random random = new Random(20221008);
      double[][] where = new double[clients][2];
      for (int i = 0; i < clients; i++) {
        where[i][0] = 35 + random.nextDouble() * 3.6; // 400 km square, few encounters
        where[i][1] = 38.5 + random.nextDouble() * 4.5;
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong sent = new AtomicLong();
      Thread sender =
          new Thread(
              () -> {
                long start = System.nanoTime();
                long periodNanos = (long) (intervalSeconds * 1e9);
                long[] next = new long[clients];
                for (int i = 0; i < clients; i++) {
                  next[i] = start + periodNanos * i / clients;
                }
                int i = 0;
                while (!stop.get()) {
                  long now = System.nanoTime();
                  if (next[i] > now) {
                    long wait = next[i] - now;
                    if (wait > 200_000) {
                      try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                    continue;
                  }
                  // during the ramp only the first clients report, a growing share of them
                  double ramped = (now - start) / (rampSeconds * 1e9);
                  if (rampSeconds == 0 || ramped >= 1 || i < clients * ramped) {
                    channels[i].writeAndFlush(
                        Unpooled.wrappedBuffer(
                            atom("unit-" + i, where[i][0], where[i][1], Instant.now())));
                    sent.incrementAndGet();
                  }
                  next[i] += periodNanos;
                  i = (i + 1) % clients;
                }
              },
              "takbench-sender");
      sender.start();
      Thread.sleep((rampSeconds + warmupSeconds) * 1000L);
      long cpu0 = cpuNanos();
      java.util.Map<String, Long> groups0 = cpuByGroup();
      long sent0 = sent.get();
      long stored0 = svc.listener.positionsStored();
      long arrivals0 = recorder.arrivals();
      long w0 = System.nanoTime();
      recorder.measuring = true;
      Thread.sleep(seconds * 1000L);
      recorder.measuring = false;
      double window = (System.nanoTime() - w0) / 1e9;
      long cpu = cpuNanos() - cpu0;
      String groups = cpuLine(groups0, window);
      long sentN = sent.get() - sent0;
      long storedN = svc.listener.positionsStored() - stored0;
      long arrivalsN = recorder.arrivals() - arrivals0;
      stop.set(true);
      sender.join();
      long[] s = Arrays.copyOf(recorder.samples, recorder.n);
      Arrays.sort(s);
      System.out.printf(Locale.ROOT, "window %.1f s%n", window);
      System.out.printf(
          Locale.ROOT, "reports sent %.0f/s, stored %.0f/s%n", sentN / window, storedN / window);
      System.out.printf(
          Locale.ROOT,
          "atoms delivered %.0f/s (%d in the window)%n",
          arrivalsN / window,
          arrivalsN);
      if (s.length > 0) {
        System.out.printf(
            Locale.ROOT,
            "fan-out latency (report sent -> atom read by a client, 1 in 16 sampled): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
            pct(s, 0.50) / 1000.0,
            pct(s, 0.99) / 1000.0,
            pct(s, 0.999) / 1000.0,
            s[s.length - 1] / 1000.0);
      }
      System.out.printf(
          Locale.ROOT,
          "clients still connected %d, dropped as slow %d; process CPU %.2f cores (clients and server share the JVM)%n",
          svc.listener.connections(),
          svc.listener.droppedClients(),
          cpu / 1e9 / window);
      System.out.println(groups);
      for (Channel c : channels) {
        c.close();
      }
      group.shutdownGracefully().sync();
    }
  }

  private void throughput() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "%n## throughput: %d fast clients, %d units each, sending as fast as the listener reads%n",
        fastClients,
        unitsPerFastClient);
    try (Service svc = new Service(Math.max(2, parties), "none")) {
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      AtomicLong sent = new AtomicLong();
      for (int k = 0; k < fastClients; k++) {
        int client = k;
        Socket socket = new Socket("127.0.0.1", svc.listener.tcpPort());
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(auth(client % parties).getBytes(StandardCharsets.US_ASCII));
        Thread drain =
            new Thread(
                () -> {
                  byte[] b = new byte[65536];
                  try {
                    while (in.read(b) >= 0) {
                      // replies (errors) are read and dropped
                    }
                  } catch (IOException e) {
                    // closed
                  }
                },
                "takbench-drain-" + k);
        drain.setDaemon(true);
        drain.start();
        Thread t =
            new Thread(
                () -> {
                  Random random = new Random(client);
                  double[][] where = new double[unitsPerFastClient][2];
                  for (int u = 0; u < unitsPerFastClient; u++) {
                    where[u][0] = 35 + random.nextDouble() * 3.6;
                    where[u][1] = 38.5 + random.nextDouble() * 4.5;
                  }
                  java.io.ByteArrayOutputStream chunk = new java.io.ByteArrayOutputStream(1 << 20);
                  int u = 0;
                  try {
                    while (!stop.get()) {
                      chunk.reset();
                      Instant now = Instant.now();
                      for (int j = 0; j < 1000; j++) {
                        chunk.write(
                            atom(
                                "c" + client + "-u" + u,
                                where[u][0],
                                where[u][1],
                                now.plusNanos(j * 1000L)));
                        u = (u + 1) % unitsPerFastClient;
                      }
                      out.write(chunk.toByteArray());
                      sent.addAndGet(1000);
                    }
                    socket.close();
                  } catch (IOException e) {
                    // closed
                  }
                },
                "takbench-fast-" + k);
        threads.add(t);
        t.start();
      }
      Thread.sleep(warmupSeconds * 1000L);
      long cpu0 = cpuNanos();
      java.util.Map<String, Long> groups0 = cpuByGroup();
      long stored0 = svc.listener.positionsStored();
      long sent0 = sent.get();
      long w0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      double window = (System.nanoTime() - w0) / 1e9;
      long storedN = svc.listener.positionsStored() - stored0;
      long sentN = sent.get() - sent0;
      long cpu = cpuNanos() - cpu0;
      String groups = cpuLine(groups0, window);
      stop.set(true);
      for (Thread t : threads) {
        t.join(10_000);
      }
      System.out.printf(Locale.ROOT, "window %.1f s%n", window);
      System.out.printf(
          Locale.ROOT,
          "events written by the clients %.0f/s; position reports stored in the journal %.0f/s%n",
          sentN / window,
          storedN / window);
      System.out.printf(
          Locale.ROOT,
          "journal records %d; process CPU %.2f cores (clients and server share the JVM)%n",
          svc.app.lastSeq(),
          cpu / 1e9 / window);
      System.out.println(groups);
    }
  }

  private static long pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Processor time of live threads by what they are: the listener, the service, the bench. */
  private static java.util.Map<String, Long> cpuByGroup() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t == null) {
        continue;
      }
      long cpu = mx.getThreadCpuTime(t.getThreadId());
      if (cpu < 0) {
        continue;
      }
      String name = t.getThreadName();
      String group =
          name.startsWith("deconflict-tak")
              ? "listener"
              : name.startsWith("deconflict-")
                  ? "service"
                  : name.startsWith("nioEventLoopGroup") || name.startsWith("takbench")
                      ? "bench clients"
                      : "other";
      out.merge(group, cpu, Long::sum);
    }
    return out;
  }

  private static String cpuLine(java.util.Map<String, Long> before, double window) {
    StringBuilder b = new StringBuilder("thread processor time (cores):");
    for (java.util.Map.Entry<String, Long> e : cpuByGroup().entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      b.append(String.format(Locale.ROOT, " %s %.2f;", e.getKey(), d / 1e9 / window));
    }
    return b.toString();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
