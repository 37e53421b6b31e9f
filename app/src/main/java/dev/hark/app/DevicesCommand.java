package dev.hark.app;

import dev.hark.live.capture.CaptureDevice;
import dev.hark.live.capture.MicrophoneSource;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code hark devices}: the capture devices Java Sound sees, with the formats they declare. */
@Command(
        name = "devices",
        mixinStandardHelpOptions = true,
        description = "List capture devices (index, name, capture formats) for 'hark listen --device'.")
final class DevicesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<CaptureDevice> devices = MicrophoneSource.devices();
        if (devices.isEmpty()) {
            out.println("no capture devices: Java Sound sees none (no microphone connected, no sound server or "
                    + "ALSA device reachable, or no permission)");
            out.flush();
            return ExitCodes.OK;
        }
        for (CaptureDevice d : devices) {
            out.printf("%d  %s  (%s)%n", d.index(), d.name(), d.description());
            if (d.formats().isEmpty()) {
                out.println("   formats: none declared");
            }
            for (String f : d.formats()) {
                out.println("   " + f);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
