package dev.hark.live.capture;

import java.util.List;

/**
 * A Java Sound mixer that can capture audio.
 *
 * @param index its position among the capture devices (what {@code --device INDEX} takes)
 * @param name the mixer's name
 * @param description the mixer's vendor / description text
 * @param formats the capture formats it declares, one short line each
 */
public record CaptureDevice(int index, String name, String description, List<String> formats) {
    public CaptureDevice {
        formats = List.copyOf(formats);
    }
}
