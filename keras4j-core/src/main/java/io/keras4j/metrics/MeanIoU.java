package io.keras4j.metrics;

import java.util.Map;
import java.util.stream.IntStream;

/**
 * The mean intersection-over-union over all classes, as keras/src/metrics/iou_metrics.py {@code MeanIoU}:
 * {@link IoU} with {@code target_class_ids = range(num_classes)}.
 */
public class MeanIoU extends IoU {
    public MeanIoU(int numClasses) {
        super(numClasses, IntStream.range(0, numClasses).toArray(), "mean_io_u");
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.remove("target_class_ids");
        return config;
    }
}
