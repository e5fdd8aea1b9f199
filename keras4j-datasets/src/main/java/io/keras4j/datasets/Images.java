package io.keras4j.datasets;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Image decoding and resizing for {@link ImageDatasetFromDirectory}. */
final class Images {
    private Images() {
    }

    /** Decoded pixels, row-major {@code (height, width, channels)}, values 0..255. */
    record Image(float[] pixels, int height, int width, int channels) {
    }

    /** Reads an image with {@code channels} 1 (grayscale), 3 (rgb) or 4 (rgba), as {@code tf.image.decode_image}. */
    static Image decode(Path path, int channels) {
        BufferedImage image;
        try {
            image = ImageIO.read(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read image " + path, e);
        }
        if (image == null) {
            throw new IllegalArgumentException("Cannot decode image " + path + ": not a supported image file");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        boolean gray = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        float[] px = new float[h * w * channels];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * channels;
                if (gray && channels == 1) {
                    px[o] = image.getRaster().getSample(x, y, 0);
                    continue;
                }
                int argb = image.getRGB(x, y);
                float r = (argb >> 16) & 0xff;
                float g = (argb >> 8) & 0xff;
                float b = argb & 0xff;
                if (channels == 1) {
                    px[o] = Math.round(0.299f * r + 0.587f * g + 0.114f * b);
                } else {
                    px[o] = r;
                    px[o + 1] = g;
                    px[o + 2] = b;
                    if (channels == 4) {
                        px[o + 3] = (argb >>> 24) & 0xff;
                    }
                }
            }
        }
        return new Image(px, h, w, channels);
    }

    /**
     * Resizes into {@code out} at {@code offset}, as {@code tf.image.resize} (half-pixel centers, no antialiasing):
     * bilinear samples {@code src = (dst + 0.5) * in / out - 0.5} between its floor (clamped to 0) and ceiling
     * (clamped to the last index); nearest takes {@code floor((dst + 0.5) * in / out)}. With {@code crop}, first takes
     * the centred window of the target aspect ratio, as keras/src/utils/image_utils.py {@code smart_resize}.
     */
    static void resize(Image image, int outH, int outW, boolean bilinear, boolean crop, float[] out, int offset) {
        int top = 0;
        int left = 0;
        int inH = image.height();
        int inW = image.width();
        if (crop) {
            int cropH = Math.min(inH, (int) ((double) inW * outH / outW));
            int cropW = Math.min(inW, (int) ((double) inH * outW / outH));
            top = (int) ((double) (inH - cropH) / 2);
            left = (int) ((double) (inW - cropW) / 2);
            inH = cropH;
            inW = cropW;
        }
        int c = image.channels();
        float[] px = image.pixels();
        int stride = image.width() * c;
        double scaleY = (double) inH / outH;
        double scaleX = (double) inW / outW;
        for (int y = 0; y < outH; y++) {
            double sy = bilinear ? (y + 0.5) * scaleY - 0.5 : Math.min(Math.floor((y + 0.5) * scaleY), inH - 1);
            int y0 = Math.max((int) Math.floor(sy), 0);
            int y1 = Math.min((int) Math.ceil(sy), inH - 1);
            double fy = sy - Math.floor(sy);
            for (int x = 0; x < outW; x++) {
                double sx = bilinear ? (x + 0.5) * scaleX - 0.5 : Math.min(Math.floor((x + 0.5) * scaleX), inW - 1);
                int x0 = Math.max((int) Math.floor(sx), 0);
                int x1 = Math.min((int) Math.ceil(sx), inW - 1);
                double fx = sx - Math.floor(sx);
                for (int k = 0; k < c; k++) {
                    double a = px[(top + y0) * stride + (left + x0) * c + k];
                    double b = px[(top + y0) * stride + (left + x1) * c + k];
                    double d = px[(top + y1) * stride + (left + x0) * c + k];
                    double e = px[(top + y1) * stride + (left + x1) * c + k];
                    double upper = a + (b - a) * fx;
                    double lower = d + (e - d) * fx;
                    out[offset + (y * outW + x) * c + k] = (float) (upper + (lower - upper) * fy);
                }
            }
        }
    }
}
