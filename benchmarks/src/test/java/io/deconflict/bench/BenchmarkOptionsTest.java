package io.deconflict.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.testkit.options.BenchOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark command reads the options and defaults docs/benchmarks.md documents, on the
 * testkit's parser: the defaults, and the invocations the document gives.
 */
class BenchmarkOptionsTest {

  private static String[] args(String line) {
    return line.isEmpty() ? new String[0] : line.split(" +", -1);
  }

  @Test
  void liveBench() {
    LiveBench.Options d = LiveBench.Options.parse(args(""));
    assertThat(d.units).isEqualTo(100_000);
    assertThat(d.seconds).isEqualTo(30);
    assertThat(d.engineBatch()).isEqualTo(1_000);
    assertThat(d.httpBatch()).isEqualTo(2_000);
    assertThat(d.clients).isEqualTo(10);
    assertThat(d.probes).isEqualTo(200);
    assertThat(d.speedup).isEqualTo(25);
    assertThat(d.seed).isEqualTo(20221008L);
    assertThat(d.only)
        .containsExactly(LiveBench.Phase.ENGINE, LiveBench.Phase.HTTP, LiveBench.Phase.LATENCY);
    assertThat(LiveBench.Options.parse(args("--only http,browser")).only)
        .containsExactly(LiveBench.Phase.HTTP, LiveBench.Phase.BROWSER);
    assertThat(d.toString())
        .isEqualTo(
            "--units 100000 --seconds 30 --batch default --clients 10 --probes 200 --speedup 25.0"
                + " --seed 20221008 --dead-reckoning on --only engine,http,latency");

    assertThat(LiveBench.Options.parse(args("--units 100000 --only engine")).only)
        .containsExactly(LiveBench.Phase.ENGINE);
    LiveBench.Options b = LiveBench.Options.parse(args("--units 30000 --only latency,http"));
    assertThat(b.units).isEqualTo(30_000);
    assertThat(b.toString()).endsWith("--only http,latency");
    LiveBench.Options c =
        LiveBench.Options.parse(args("--units=30_000 --only latency --speedup 1"));
    assertThat(c.speedup).isEqualTo(1);
    assertThat(c.only).containsExactly(LiveBench.Phase.LATENCY);
    assertThat(LiveBench.Options.parse(args("--batch 200")).httpBatch()).isEqualTo(200);
    assertThatThrownBy(() -> LiveBench.Options.parse(args("--batch 20001")))
        .hasMessageContaining("--batch must be at most 20000");
    assertThatThrownBy(() -> LiveBench.Options.parse(args("--only disk")))
        .hasMessageContaining("--only");
    assertThat(LiveBench.Options.parse(args("-h")).help).isTrue();
  }

  @Test
  void serviceBench() {
    ServiceBench.Options d = ServiceBench.Options.parse(args(""));
    assertThat(d.n).isEqualTo(100_000);
    assertThat(d.seconds).isEqualTo(30);
    assertThat(d.clients).isEqualTo(64);
    assertThat(d.preloadClients).isEqualTo(64);
    assertThat(d.probes).isEqualTo(500);
    assertThat(d.fresh).isEqualTo(120_000);
    assertThat(d.seed).isEqualTo(20221008L);
    assertThat(ServiceBench.Options.parse(args("--n 100000")).n).isEqualTo(100_000);
    assertThat(ServiceBench.Options.parse(args("--seconds 2")).fresh).isEqualTo(8_000);
    assertThat(ServiceBench.Options.parse(args("--seconds 2 --fresh 3000")).fresh).isEqualTo(3_000);
    assertThat(ServiceBench.Options.parse(args("--preload-clients 8")).preloadClients).isEqualTo(8);
  }

  @Test
  void bench() {
    Bench.Options d = Bench.Options.parse(args(""));
    assertThat(d.checkSizes).containsExactly(10_000, 100_000, 1_000_000);
    assertThat(d.batchSizes).containsExactly(10_000, 100_000);
    assertThat(d.heapSize).isEqualTo(1_000_000);
    assertThat(d.checks).isEqualTo(2_000);
    assertThat(d.warmup).isEqualTo(2_000);
    assertThat(d.seed).isEqualTo(20221008L);
    assertThat(d.only).containsExactly(Bench.Phase.HEAP, Bench.Phase.CHECK, Bench.Phase.BATCH);
    assertThat(d.skipBrute).isFalse();
    assertThat(d.bruteChecks).isEqualTo(2_000);
    assertThat(d.bruteCheckMaxSize).isEqualTo(100_000);
    assertThat(d.bruteBatchMaxSize).isEqualTo(10_000);
    assertThat(d.bruteBudgetSeconds).isEqualTo(1_800);
    assertThat(d.batchReps).isEqualTo(3);
    assertThat(d.days).isEqualTo(1);
    assertThat(d.threads).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(d.peer).isFalse();
    assertThat(d.peerScript).isEqualTo(Path.of("benchmarks/postgis/peer.sh"));
    assertThat(d.processSizes).containsExactly(50_000);
    assertThat(d.processDays).isEqualTo(30);
    assertThat(d.processStatics).isFalse();
    assertThat(d.jar).isEqualTo(Path.of("cli/target/deconflict.jar"));
    assertThat(d.noThreadsFlag).isFalse();

    Bench.Options a =
        Bench.Options.parse(
            args("--only batch --batch-n 10000 --peer --batch-reps 3 --skip-brute"));
    assertThat(a.only).containsExactly(Bench.Phase.BATCH);
    assertThat(a.batchSizes).containsExactly(10_000);
    assertThat(a.peer).isTrue();
    assertThat(a.skipBrute).isTrue();
    Bench.Options p =
        Bench.Options.parse(
            args(
                "--only process --process-n 20000,80000 --process-days scale --process-statics"
                    + " --no-threads-flag --jar x.jar"));
    assertThat(p.processSizes).containsExactly(20_000, 80_000);
    assertThat(p.processDays).isZero();
    assertThat(p.processStatics).isTrue();
    assertThat(p.noThreadsFlag).isTrue();
    assertThat(p.jar).isEqualTo(Path.of("x.jar"));
    Bench.Options s =
        Bench.Options.parse(
            args("--days scale --n 10000,100000,1000000 --heap-n 1000000 --batch-n 10000,100000"));
    assertThat(s.days).isZero();
    assertThat(s.checkSizes).containsExactly(10_000, 100_000, 1_000_000);
    assertThat(Bench.Options.parse(args("--only check,batch")).only)
        .containsExactly(Bench.Phase.CHECK, Bench.Phase.BATCH);
    assertThat(Bench.Options.parse(args("--only gen")).only).containsExactly(Bench.Phase.GEN);
    assertThat(Bench.Options.parse(args("--warmup 0")).warmup).isZero();
    assertThatThrownBy(() -> Bench.Options.parse(args("--n 10,0")))
        .hasMessageContaining("--n")
        .hasMessageContaining("must be a positive integer, got 0");
  }

  @Test
  void takBench() {
    TakBench d = BenchOptions.parse(new TakBench());
    assertThat(d.clients).isEqualTo(5_000);
    assertThat(d.parties).isEqualTo(10);
    assertThat(d.share).isEqualTo("pairs");
    assertThat(d.intervalSeconds).isEqualTo(5);
    assertThat(d.rampSeconds).isEqualTo(10);
    assertThat(d.warmupSeconds).isEqualTo(10);
    assertThat(d.seconds).isEqualTo(30);
    assertThat(d.fastClients).isEqualTo(4);
    assertThat(d.unitsPerFastClient).isEqualTo(10_000);
    assertThat(d.only).containsExactly("fanout", "throughput");

    TakBench a =
        BenchOptions.parse(
            new TakBench(),
            args(
                "--only fanout --clients 5000 --parties 50 --share none --ramp-s 20 --warmup-s 20"
                    + " --seconds 30"));
    assertThat(a.only).isEqualTo(List.of("fanout"));
    assertThat(a.parties).isEqualTo(50);
    assertThat(a.share).isEqualTo("none");
    assertThat(a.rampSeconds).isEqualTo(20);
    TakBench t =
        BenchOptions.parse(
            new TakBench(),
            args("--only throughput --fast-clients 4 --units 10000 --warmup-s 15 --seconds 30"));
    assertThat(t.only).isEqualTo(List.of("throughput"));
    assertThat(t.unitsPerFastClient).isEqualTo(10_000);
    assertThat(t.warmupSeconds).isEqualTo(15);
  }
}
