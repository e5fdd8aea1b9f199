package io.keras4j.layers;

import java.util.Map;

/**
 * The shared mechanics of SpatialDropout1D/2D/3D (keras/src/layers/regularization/spatial_dropout.py): Dropout
 * whose mask has size 1 on every spatial axis, so whole feature maps (channels) are dropped together.
 */
abstract class SpatialDropout extends Dropout {
    private final int spatialDims;
    String dataFormat = "channels_last";

    SpatialDropout(double rate, int spatialDims) {
        super(rate);
        this.spatialDims = spatialDims;
    }

    void setDataFormat(String dataFormat) {
        this.dataFormat = Spatial.dataFormat(dataFormat, className());
    }

    @Override
    long[] maskShape(long[] inputShape) {
        if (inputShape.length != spatialDims + 2) {
            throw new IllegalArgumentException(className() + " \"" + name() + "\" expects inputs of rank " + (spatialDims + 2)
                    + ", got shape " + java.util.Arrays.toString(inputShape));
        }
        long[] out = inputShape.clone();
        for (int i = 0; i < spatialDims; i++) {
            out[Spatial.axis(dataFormat, i)] = 1;
        }
        return out;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.remove("noise_shape");
        if (spatialDims > 1) {
            config.put("data_format", dataFormat);
        }
        return config;
    }
}
