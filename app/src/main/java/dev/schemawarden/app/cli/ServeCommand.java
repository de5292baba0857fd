package dev.schemawarden.app.cli;

import dev.schemawarden.app.server.ServiceConfig;
import dev.schemawarden.app.server.WardenServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "serve",
    description = {
      "Run the webhook service: GitHub deliveries on POST /webhooks/github, reviews on a job queue, results"
          + " published as a check run, a sticky comment and line comments. Configured by WARDEN_* environment "
          + "variables (docs/configuration.md); exits 2 naming the variable when one is missing or invalid."
    })
public final class ServeCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Override
  public Integer call() throws InterruptedException {
    CliContext ctx = parent.context();
    ServiceConfig config = ServiceConfig.fromEnv(System.getenv());
    WardenServer server = WardenServer.start(config, ctx.service(), ctx.replicas());
    ctx.err()
        .println(
            "warden: serving on port "
                + server.port()
                + " (Ctrl-C or SIGTERM stops, letting running jobs"
                + " finish for up to "
                + config.shutdownGrace().toSeconds()
                + " s)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(config.shutdownGrace());
                  ctx.err()
                      .println(
                          "warden: stopped (running jobs finished or released to other instances)");
                  stopped.countDown();
                },
                "warden-shutdown"));
    stopped.await();
    return 0;
  }
}
