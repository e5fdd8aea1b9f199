package io.keras4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keras4j summary MODEL}: Keras's {@code model.summary()} table. */
@Command(name = "summary", mixinStandardHelpOptions = true, description = "Print Keras's model.summary() table.")
final class SummaryCommand implements Runnable {
    @Mixin
    ModelArgument file;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(ModelFiles.load(file.model, file.weights, false).summaryString());
        spec.commandLine().getOut().flush();
    }
}
