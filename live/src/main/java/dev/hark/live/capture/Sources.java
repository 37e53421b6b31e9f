package dev.hark.live.capture;

import dev.hark.config.listen.ListenSettings;
import dev.hark.errors.BadInputException;

/** Makes the audio source that listener settings ask for. */
public final class Sources {
    private Sources() {
    }

    /**
     * A {@link FileSource} for {@code source.input} (at real-time pace when {@code source.realtime}), else a
     * {@link MicrophoneSource} for {@code source.device} (null: the system's default capture device). Nothing is
     * opened yet.
     *
     * @throws BadInputException when both a device and an input file are given
     */
    public static AudioSource from(ListenSettings s) {
        if (s.input() != null && s.device() != null) {
            throw new BadInputException("use either " + ListenSettings.DEVICE + " or " + ListenSettings.INPUT
                    + ", not both");
        }
        return s.input() != null ? new FileSource(s.input(), s.realtime()) : new MicrophoneSource(s.device());
    }
}
