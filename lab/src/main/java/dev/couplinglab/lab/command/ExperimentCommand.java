package dev.couplinglab.lab.command;

import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Experiment files: run one, or list those in {@code <LAB_HOME>/experiments}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "experiment",
    description = "Run an experiment file (load, fault timeline, expectations) or list them.",
    subcommands = {ExperimentRunCommand.class, ExperimentListCommand.class})
public final class ExperimentCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing an experiment command: run or list");
  }

  LabContext context() {
    return lab.context();
  }
}
