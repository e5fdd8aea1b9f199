package io.keras4j.cli;

import io.keras4j.saving.KerasFormatException;
import io.keras4j.saving.UnsupportedFeatureException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;

/**
 * The {@code keras4j} command: look at, convert, run and draw Keras model files without writing a program.
 * <pre>
 * keras4j summary model.keras                 Keras's model.summary() table
 * keras4j convert model.h5 model.keras        between .keras, legacy .h5 and JSON + .weights.h5
 * keras4j predict model.keras --input x.npy   run the model on NumPy arrays (.npy, .npz)
 * keras4j inspect model.keras                 layers, weight statistics, training config, Keras version
 * keras4j plot model.keras model.png          the plot_model picture (.png or .svg)
 * </pre>
 * Exit codes: 0 success, 1 the command failed (e.g. arrays that do not fit the model), 2 bad command-line
 * arguments, 3 a file is missing, 4 a file is corrupt or not what its name says, 5 a valid file needs a feature
 * keras4j does not have.
 */
@Command(name = "keras4j", mixinStandardHelpOptions = true, versionProvider = Keras4jCli.Version.class,
        description = "Look at, convert, run and draw Keras model files (.keras, legacy .h5, JSON + .weights.h5).",
        subcommands = {SummaryCommand.class, ConvertCommand.class, PredictCommand.class, InspectCommand.class, PlotCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the command failed", "2:bad command-line arguments", "3:a file is missing",
                "4:a file is corrupt or not a Keras/NumPy file", "5:the file needs a feature keras4j does not have"})
public final class Keras4jCli implements Runnable {
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int MISSING_FILE = 3;
    static final int BAD_FILE = 4;
    static final int UNSUPPORTED = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (its out and err may be replaced, as tests do). */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Keras4jCli());
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("keras4j " + commandLine.getCommandName() + ": " + message(ex));
            commandLine.getErr().flush();
            return exitCode(ex);
        });
        return cmd;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: one of summary, convert, predict, inspect, plot");
    }

    static int exitCode(Exception ex) {
        if (ex instanceof MissingFileException) {
            return MISSING_FILE;
        }
        if (ex instanceof UnsupportedFeatureException) {
            return UNSUPPORTED;
        }
        if (ex instanceof KerasFormatException || ex instanceof UncheckedIOException) {
            return BAD_FILE;
        }
        return FAILED;
    }

    private static String message(Exception ex) {
        String m = ex.getMessage();
        if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException || ex instanceof KerasFormatException
                || ex instanceof MissingFileException || ex instanceof UncheckedIOException) {
            return m;
        }
        return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** The version from the jar's manifest, or "development build" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Keras4jCli.class.getPackage().getImplementationVersion();
            return new String[]{"keras4j " + (v == null ? "(development build)" : v)};
        }
    }
}
