package io.deconflict.cluster;

import io.deconflict.flink.DetectionJob;
import io.deconflict.flink.JobSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The local cluster's Flink: a MiniCluster in a process of its own running the detection job, as
 * {@code flink run} would on a real cluster. Arguments: {@code --parallelism N} (default 2, the
 * MiniCluster gets as many slots), then the job's own ({@link JobSettings#parse},
 * docs/configuration.md "Detection on Flink"). Runs until the process is stopped.
 */
public final class Detection {

  private Detection() {}

  /**
   * Checkpoints in a temporary directory: the default, in the job manager's memory, refuses a state
   * over 5 MiB, which a few thousand notifications pass (the job then never completes a
   * checkpoint).
   */
  static org.apache.flink.configuration.Configuration checkpointsOnDisk()
      throws java.io.IOException {
    org.apache.flink.configuration.Configuration c =
        new org.apache.flink.configuration.Configuration();
    c.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("deconflict-checkpoints-");
    c.set(
        org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        dir.toUri().toString());
    return c;
  }

  /** Runs the job on a MiniCluster in this process. */
  public static void main(String[] args) throws Exception {
    int parallelism = 2;
    String[] jobArgs = args;
    if (args.length >= 2 && args[0].equals("--parallelism")) {
      parallelism = Integer.parseInt(args[1]);
      jobArgs = java.util.Arrays.copyOfRange(args, 2, args.length);
    }
    JobSettings settings = JobSettings.parse(jobArgs);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, checkpointsOnDisk());
    DetectionJob.build(env, settings);
    System.out.println("detection job running with parallelism " + parallelism);
    System.out.flush();
    env.execute("deconflict detection " + settings.notificationsTopic());
  }
}
