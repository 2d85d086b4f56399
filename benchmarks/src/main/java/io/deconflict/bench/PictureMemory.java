package io.deconflict.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Audience;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.picture.Knowledge;
import io.deconflict.service.retention.Retention;
import java.time.Instant;
import java.util.Random;
import java.util.Set;

/**
 * What a sign-in picture's fold holds per alert (D31, packed alerts): folds {@code N} (first
 * argument, default 200,000) {@code alert.raised} facts shaped like LiveBench's {@code unit-unit}
 * alerts (about 990 bytes of JSON each) into one {@link Knowledge} and prints the heap it holds
 * after repeated collections, per alert, and the size of its whole picture. With a second argument
 * {@code 2}, each fact is told to two folds, the party's and the operators', as the service's
 * pictures are told an alert (D45): in one pass through a shared {@code Knowledge.Told}, or, where
 * the classes have none (or with a third argument {@code alone}), to each fold on its own; it also
 * prints the processor time of the folding per fact. Compiled against an older jar's classes it
 * measures the code before:
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.deconflict.bench.PictureMemory 200000 [2 [alone]]
 * </pre>
 */
public final class PictureMemory {

  private PictureMemory() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int audiences = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    java.lang.reflect.Constructor<?> told = null;
    java.lang.reflect.Method applyTold = null;
    if (audiences > 1 && !(args.length > 2 && args[2].equals("alone"))) {
      try {
        Class<?> c = Class.forName("io.deconflict.service.picture.Knowledge$Told");
        told = c.getConstructor(Event.class);
        applyTold = Knowledge.class.getMethod("apply", c);
      } catch (ReflectiveOperationException e) {
        // older classes: every fold is told on its own
      }
    }
    Audience us = new Audience(Set.of("us"), audiences > 1);
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long folding = 0;
    Random r = new Random(1);
    Instant t = Instant.parse("2027-10-08T05:00:00Z");
    long before = used();
    Knowledge k = new Knowledge(Retention.DEFAULT);
    Knowledge operators = new Knowledge(Retention.DEFAULT);
    for (int i = 1; i <= n; i++) {
      Instant at = t.plusMillis(i * 37L);
      ObjectNode b = Json.object();
      b.put("id", "al-" + (2 * i))
          .put("conflictId", "cf-" + i)
          .put("recipient", "us")
          .put("kind", "unit-unit")
          .put("state", "open")
          .put("level", 1)
          .put("deadline", at.plusSeconds(600).toString())
          .put("raisedAt", at.toString())
          .put("start", at.plusSeconds(300 + r.nextInt(600)).toString())
          .put("end", at.plusSeconds(1000 + r.nextInt(600)).toString());
      b.putArray("location").add(40 + r.nextDouble()).add(36 + r.nextDouble());
      b.put("channelSuspended", false);
      b.putObject("own").put("item", "us-u" + r.nextInt(30000));
      b.putObject("other").put("shares", "conflicts").put("party", "ru");
      ObjectNode c = b.putObject("closest");
      c.put("time", at.plusSeconds(400).toString())
          .put("distanceMeters", Math.round(r.nextDouble() * 10000) / 10.0);
      c.putArray("own").add(40 + r.nextDouble()).add(36 + r.nextDouble());
      c.putArray("other").add(40 + r.nextDouble()).add(36 + r.nextDouble());
      ObjectNode live = b.putObject("live");
      live.put("at", at.toString())
          .put("level", "advisory")
          .put("distanceNowMeters", Math.round(r.nextDouble() * 1e5) / 10.0)
          .put("timeToClosestSeconds", Math.round(r.nextDouble() * 9000) / 10.0)
          .put("distanceAtClosestMeters", Math.round(r.nextDouble() * 1e4) / 10.0)
          .put("timeToLossSeconds", Math.round(r.nextDouble() * 9000) / 10.0);
      live.putArray("ownPosition").add(40 + r.nextDouble()).add(36 + r.nextDouble());
      live.put("separationMeters", 1000.0);
      b.put(
          "notice",
          "Acknowledging an alert means it was seen. It never means the movement is approved.");
      Event e = new Event(i, at, "alert.raised", "system", us, b);
      long started = cpu.getCurrentThreadCpuTime();
      if (audiences == 1) {
        k.apply(e);
      } else if (told != null && applyTold != null) {
        Object shared = told.newInstance(e);
        applyTold.invoke(k, shared);
        applyTold.invoke(operators, shared);
      } else {
        k.apply(e);
        operators.apply(e);
      }
      folding += cpu.getCurrentThreadCpuTime() - started;
    }
    long after = used();
    System.out.printf(
        "%d alerts, %d fold(s)%s: %.1f MiB, %.0f bytes per alert; picture %d bytes; folding %.1f µs"
            + " of processor time per fact%n",
        n,
        audiences,
        audiences == 1 ? "" : told != null ? " sharing the alert as raised" : " told alone",
        (after - before) / 1048576.0,
        (after - before) / (double) n,
        Json.bytes(k.toJson(io.deconflict.service.hotline.Language.EN)).length,
        folding / 1000.0 / n);
  }

  /** Heap in use once collections stop freeing any. */
  private static long used() throws InterruptedException {
    long prev = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(100);
      long u = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
      if (u >= prev) return u;
      prev = u;
    }
    return prev;
  }
}
