package io.deconflict.bench;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Movement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: latency of {@link Detector#check} of one fresh movement against {@code n} stored movements
 * (plus {@code n / 100} sites and {@code n / 1000} zones) from {@link ScenarioGenerator}.
 *
 * <p>{@link Mode#SampleTime} reports p50, p99 and more. The candidates cycle through 4,096 fresh
 * movements. Run for example {@code java -jar benchmarks/target/benchmarks.jar CheckLatency -p
 * n=100000}; add {@code -p detector=bruteForce} for the reference (slow to load at 100,000), or
 * {@code -p days=10} to spread the traffic over ten days.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class CheckLatencyBenchmark {

  private static final int CANDIDATES = 4_096;

  /** Stored movements. */
  @Param({"10000", "100000"})
  public int n;

  /** {@code indexed} or {@code bruteForce}. */
  @Param({"indexed"})
  public String detector = "indexed";

  /** Scenario seed. */
  @Param({"20221008"})
  public long seed;

  /**
   * Days the scenario is spread over (see {@link ScenarioGenerator#ScenarioGenerator(long, int)}).
   */
  @Param({"1"})
  public int days;

  @SuppressWarnings("NullAway.Init") // set in setUp, which JMH runs before any benchmark call
  private Detector store;

  @SuppressWarnings("NullAway.Init")
  private Movement[] candidates;

  private int next;

  /** Generates the scenario, loads it and draws the candidates. */
  @Setup(Level.Trial)
  public void setUp() {
    ScenarioGenerator generator = new ScenarioGenerator(seed, days);
    store =
        switch (detector) {
          case "indexed" -> Detectors.indexed();
          case "bruteForce" -> Detectors.bruteForce();
          default ->
              throw new IllegalArgumentException(
                  "detector must be indexed or bruteForce, got " + detector);
        };
    store.putAll(generator.scenario(n).items());
    candidates = generator.candidates(CANDIDATES).toArray(new Movement[0]);
  }

  /** One check of the next candidate. */
  @Benchmark
  public List<Conflict> check() {
    Movement candidate = candidates[next];
    next = (next + 1) & (CANDIDATES - 1);
    return store.check(candidate);
  }
}
