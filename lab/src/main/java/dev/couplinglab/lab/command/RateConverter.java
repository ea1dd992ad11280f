package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.model.ExperimentException;
import dev.couplinglab.experiment.model.Rate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --rate N|N%} with the experiment files' rules and messages. */
final class RateConverter implements ITypeConverter<Rate> {

  @Override
  public Rate convert(String value) {
    try {
      return Rate.parse("--rate", value);
    } catch (ExperimentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
