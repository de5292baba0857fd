package dev.schemawarden.app.jobs;

import java.util.Map;

/** Sends each job to the handler for its kind ({@code apply}), or to the default one (reviews, commands). */
public final class JobRouter implements JobHandler {
  private final Map<String, JobHandler> byKind;
  private final JobHandler fallback;

  public JobRouter(Map<String, JobHandler> byKind, JobHandler fallback) {
    this.byKind = Map.copyOf(byKind);
    this.fallback = fallback;
  }

  @Override
  public void handle(Job job) throws Exception {
    byKind.getOrDefault(job.kind(), fallback).handle(job);
  }
}
