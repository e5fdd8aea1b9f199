package io.keras4j.datasets;

import io.keras4j.utils.NumpyRandomState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of a directory dataset and their labels, as keras/src/utils/dataset_utils.py {@code index_directory}
 * and {@code get_training_or_validation_split}: class sub-folders in sorted order (or the given
 * {@code class_names}), files sorted by folder then name, then shuffled with {@code np.random.RandomState(seed)}
 * (paths and labels with the same seed); the validation subset is the last {@code int(split * n)} files.
 */
record DirectoryIndex(List<Path> paths, int[] labels, List<String> classNames) {

    static DirectoryIndex index(Path directory, boolean inferLabels, String[] formats, List<String> classNames,
                                boolean shuffle, long seed) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("Directory " + directory + " does not exist or is not a directory");
        }
        List<String> subdirs = new ArrayList<>();
        if (inferLabels) {
            for (Path p : sortedChildren(directory)) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && !name.startsWith(".")) {
                    subdirs.add(name);
                }
            }
            if (classNames != null) {
                if (!subdirs.containsAll(classNames)) {
                    throw new IllegalArgumentException("The `class_names` passed did not match the names of the subdirectories of "
                            + "the target directory. Expected: " + subdirs + " (or a subset of it), but received: class_names=" + classNames);
                }
                subdirs = new ArrayList<>(classNames);
            }
        } else {
            if (classNames != null) {
                throw new IllegalArgumentException("When `labels=None` (no labels), argument `class_names` cannot be specified.");
            }
            subdirs.add("");
        }
        List<Path> paths = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < subdirs.size(); c++) {
            for (Path file : validFiles(subdirs.get(c).isEmpty() ? directory : directory.resolve(subdirs.get(c)), formats)) {
                paths.add(file);
                labels.add(c);
            }
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        if (shuffle) {
            int[] order = new NumpyRandomState(seed).shuffledRange(paths.size());
            List<Path> shuffledPaths = new ArrayList<>();
            int[] shuffledLabels = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                shuffledPaths.add(paths.get(order[i]));
                shuffledLabels[i] = labelArray[order[i]];
            }
            paths = shuffledPaths;
            labelArray = shuffledLabels;
        }
        return new DirectoryIndex(paths, labelArray, inferLabels ? List.copyOf(subdirs) : null);
    }

    /** The training or validation part, as {@code get_training_or_validation_split}; all files when split is 0. */
    DirectoryIndex subset(double validationSplit, String subset) {
        if (validationSplit == 0) {
            return this;
        }
        int numVal = (int) (validationSplit * paths.size());
        int numTrain = paths.size() - numVal;
        return switch (subset) {
            case "training" -> new DirectoryIndex(paths.subList(0, numTrain), Arrays.copyOfRange(labels, 0, numTrain), classNames);
            case "validation" -> new DirectoryIndex(paths.subList(numTrain, paths.size()),
                    Arrays.copyOfRange(labels, numTrain, paths.size()), classNames);
            default -> throw new IllegalArgumentException("`subset` must be either \"training\" or \"validation\", received: " + subset);
        };
    }

    /** Checks Keras's {@code check_validation_split_arg}. */
    static void checkValidationSplit(double validationSplit, String subset, boolean shuffle, Long seed) {
        if (validationSplit < 0 || validationSplit >= 1) {
            throw new IllegalArgumentException("`validation_split` must be between 0 and 1, received: " + validationSplit);
        }
        if ((validationSplit > 0 || subset != null) && !(validationSplit > 0 && subset != null)) {
            throw new IllegalArgumentException("If `subset` is set, `validation_split` must be set, and inversely.");
        }
        if (subset != null && !List.of("training", "validation", "both").contains(subset)) {
            throw new IllegalArgumentException("`subset` must be either \"training\", \"validation\" or \"both\", received: " + subset);
        }
        if (validationSplit > 0 && shuffle && seed == null) {
            throw new IllegalArgumentException("If using `validation_split` and shuffling the data, you must provide a `seed` argument, "
                    + "to make sure that there is no overlap between the training and validation subset.");
        }
    }

    /** Files under {@code dir} (recursively) ending in one of {@code formats}, by folder path then file name. */
    private static List<Path> validFiles(Path dir, String[] formats) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Arrays.stream(formats).anyMatch(name::endsWith);
            }).toList());
            files.sort((a, b) -> {
                int byFolder = a.getParent().toString().compareTo(b.getParent().toString());
                return byFolder != 0 ? byFolder : a.getFileName().toString().compareTo(b.getFileName().toString());
            });
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static List<Path> sortedChildren(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
