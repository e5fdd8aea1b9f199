package io.keras4j.datasets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Batches of images from a directory of class sub-folders, as {@code keras.utils.image_dataset_from_directory}
 * (keras/src/utils/image_dataset_utils.py): {@code ImageDatasetFromDirectory.of(dir).imageSize(180, 180)
 * .validationSplit(0.2).subset("training").seed(1337).batchSize(32).load()}.
 *
 * <p>Images ({@code .bmp .gif .jpeg .jpg .png}, read with {@code javax.imageio}) come as float32 {@code (b, h, w, c)}
 * in 0..255, resized to {@code image_size} (default 256x256) with TensorFlow's {@code tf.image.resize}
 * ({@code bilinear}, half-pixel centers, no antialiasing; or {@code nearest}), after a centred crop to the target
 * aspect ratio when {@code crop_to_aspect_ratio} (keras/src/utils/image_utils.py {@code smart_resize}).
 * {@code color_mode}: "rgb" (3 channels, default), "rgba" (4) or "grayscale" (1; colour images are converted with
 * the ITU-R 601 luma weights). Files are indexed, shuffled and split exactly as Keras (see
 * {@link DirectoryDataset}); Keras's extra per-epoch {@code tf.data} shuffle buffer is not reproduced: the order of
 * files is fixed by the seed.
 */
public final class ImageDatasetFromDirectory extends DirectoryOptions<ImageDatasetFromDirectory> {
    private static final String[] FORMATS = {".bmp", ".gif", ".jpeg", ".jpg", ".png"};
    private String colorMode = "rgb";
    private int height = 256;
    private int width = 256;
    private String interpolation = "bilinear";
    private boolean cropToAspectRatio;

    private ImageDatasetFromDirectory(Path directory) {
        super(directory);
    }

    /** The loader of {@code directory} with Keras's defaults. */
    public static ImageDatasetFromDirectory of(Path directory) {
        return new ImageDatasetFromDirectory(directory);
    }

    /** "rgb" (default), "rgba" or "grayscale". */
    public ImageDatasetFromDirectory colorMode(String colorMode) {
        this.colorMode = colorMode;
        return this;
    }

    /** The size images are resized to, as {@code image_size=(height, width)}; default (256, 256). */
    public ImageDatasetFromDirectory imageSize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("Invalid `image_size` value. Expected positive integers. Received: image_size=("
                    + height + ", " + width + ")");
        }
        this.height = height;
        this.width = width;
        return this;
    }

    /** "bilinear" (default) or "nearest". */
    public ImageDatasetFromDirectory interpolation(String interpolation) {
        this.interpolation = interpolation.toLowerCase(java.util.Locale.ROOT);
        return this;
    }

    /** Crops the largest centred window of the target aspect ratio before resizing. */
    public ImageDatasetFromDirectory cropToAspectRatio(boolean crop) {
        this.cropToAspectRatio = crop;
        return this;
    }

    @Override
    String[] formats() {
        return FORMATS.clone();
    }

    @Override
    Function<List<Path>, INDArray> reader() {
        int channels = switch (colorMode) {
            case "rgb" -> 3;
            case "rgba" -> 4;
            case "grayscale" -> 1;
            default -> throw new IllegalArgumentException("`color_mode` must be one of {\"rgb\", \"rgba\", \"grayscale\"}. "
                    + "Received: color_mode=" + colorMode);
        };
        if (!interpolation.equals("bilinear") && !interpolation.equals("nearest")) {
            throw new IllegalArgumentException("Argument `interpolation` should be \"bilinear\" or \"nearest\" in keras4j. "
                    + "Received: interpolation=" + interpolation);
        }
        boolean bilinear = interpolation.equals("bilinear");
        return paths -> {
            float[] out = new float[paths.size() * height * width * channels];
            for (int i = 0; i < paths.size(); i++) {
                Images.resize(Images.decode(paths.get(i), channels), height, width, bilinear, cropToAspectRatio,
                        out, i * height * width * channels);
            }
            return Nd4j.create(out, new long[]{paths.size(), height, width, channels}, DataType.FLOAT);
        };
    }
}
