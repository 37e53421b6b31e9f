package dev.hark.serve.dashboard;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hark.serve.HarkService;
import dev.hark.serve.Scenes;
import dev.hark.serve.config.ServeConfig;
import dev.hark.testkit.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in Firefox (Debian's headless firefox-esr over WebDriver BiDi, no geckodriver) against a real-time
 * {@code hark serve} on the dog-and-rooster scene: the page loads and connects, the spectrogram is drawn and
 * changes, and the dog's event is listed. Screenshot: {@code target/dashboard-screenshots/dashboard-firefox.png}.
 */
class DashboardFirefoxTest {
    @TempDir
    Path dir;

    @Test
    void theDashboardRunsInFirefox() throws Exception {
        Tools.assumeFirefox();
        Path scene = Scenes.dogAndRooster(dir);
        Path shots = Path.of("target", "dashboard-screenshots");
        Files.createDirectories(shots);
        try (HarkService s = HarkService.builder(ServeConfig.of(Scenes.settings(scene, dir.resolve("state"), true)))
                .build(); FirefoxBidi firefox = new FirefoxBidi(dir.resolve("firefox-profile"))) {
            s.startApi();
            firefox.viewport(1280, 1250);
            firefox.navigate("http://127.0.0.1:" + s.port() + "/");
            until(20, () -> firefox.evaluate("window.harkDashboard && window.harkDashboard.connected")
                    .asBoolean());
            s.startListening();
            until(30, () -> firefox.evaluate("window.harkDashboard.framesDrawn").asInt() > 100);
            String before = firefox.evaluate("document.getElementById('spectrogram').toDataURL()").asText();
            Thread.sleep(600);
            String after = firefox.evaluate("document.getElementById('spectrogram').toDataURL()").asText();
            assertNotEquals(before, after, "the spectrogram scrolls");
            JsonNode best = firefox.evaluate("window.harkDashboard.maxFps");
            System.out.println("dashboard in Firefox: spectrogram drawn at " + best.asInt()
                    + " frames per second in its best second");
            until(30, () -> firefox.evaluate("!!document.querySelector(\"li.event[data-concept='Dog']\")")
                    .asBoolean());
            assertTrue(firefox.evaluate("document.getElementById('sliders').children.length").asInt() > 0,
                    "the threshold sliders");
            Files.write(shots.resolve("dashboard-firefox.png"), firefox.screenshot());
        }
    }

    private static void until(int seconds, Callable<Boolean> what) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!what.call()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }
}
