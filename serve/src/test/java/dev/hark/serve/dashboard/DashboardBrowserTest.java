package dev.hark.serve.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hark.live.DetectionListener;
import dev.hark.core.audio.AudioFiles;
import dev.hark.serve.HarkService;
import dev.hark.serve.PlayableSource;
import dev.hark.serve.Scenes;
import dev.hark.serve.config.ServeConfig;
import dev.hark.serve.config.Tuning;
import dev.hark.serve.sink.EventHub;
import dev.hark.serve.sink.Json;
import dev.hark.serve.store.EventQuery;
import dev.hark.serve.store.StoredEvent;
import dev.hark.serve.teach.TeachingApiTest;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless chromium through chromedriver) against a real-time
 * {@code hark serve} on a scene (quiet, the ESC-50 dog, quiet, a rooster, quiet: 16 s): the spectrogram moves, the
 * dog's event is listed within 2 s of its onset with a clip that loads, a threshold slider moved with the keyboard
 * reaches the server and keeps the rooster (an event at the default threshold, see ServiceTest) from being
 * reported, a Right click files the clip, and the banner says when the input ended or the microphone is lost.
 * Screenshots (normal, large type, phone width) go to {@code target/dashboard-screenshots}.
 */
class DashboardBrowserTest {
    private static final String ROOSTER = "Chicken, rooster";

    @TempDir
    Path dir;

    @Test
    void theDashboardShowsTheLiveSceneAndItsControlsWork() throws Exception {
        Tools.assumeChromium();
        Path scene = Scenes.dogAndRooster(dir);
        Path state = dir.resolve("state");
        Path shots = Path.of("target", "dashboard-screenshots");
        Files.createDirectories(shots);
        ServeConfig cfg = ServeConfig.of(Scenes.settings(scene, state, true));
        try (HarkService s = HarkService.builder(cfg).build()) {
            s.startApi();
            WebDriver browser = chromium();
            try {
                run(s, browser, state, shots);
            } finally {
                browser.quit();
            }
        }
    }

    private static void run(HarkService s, WebDriver browser, Path state, Path shots) throws Exception {
        {
            browser.manage().window().setSize(new Dimension(1280, 1250));
            browser.get("http://127.0.0.1:" + s.port() + "/");
            JavascriptExecutor js = (JavascriptExecutor) browser;
            until(browser, 20, () -> s.hub().subscribers() == 1 && Boolean.TRUE.equals(
                    js.executeScript("return window.harkDashboard.connected")));
            List<long[]> heard = new CopyOnWriteArrayList<>(); // {wall-clock ms, end sample} of the audio processed
            s.addListener(new DetectionListener() {
                @Override
                public void onAudio(long startSample, float[] samples16k, int off, int len) {
                    heard.add(new long[] {System.currentTimeMillis(), startSample + len});
                }
            });
            long[] streamedAt = {0}; // when the stream carried the first onset
            EventHub.Subscription events = s.hub().subscribe(Set.of("event"));
            Thread watcher = new Thread(() -> {
                try {
                    while (events.next(1000) == null) {
                        // waiting
                    }
                    streamedAt[0] = System.currentTimeMillis();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            watcher.setDaemon(true);
            watcher.start();
            s.startListening();

            // the slider of the rooster, moved with the keyboard alone, reaches the server
            WebElement slider = until(browser, 20, () -> first(browser, "input[data-concept='" + ROOSTER + "']"));
            slider.sendKeys(Keys.END);
            until(browser, 10, () -> s.tuning().path("thresholds").path(ROOSTER).asDouble() == 1.0);
            assertEquals(1.0, Json.MAPPER.readTree(state.resolve(Tuning.FILE_NAME).toFile()).path("thresholds")
                    .path(ROOSTER).asDouble(), "persisted beside the database");

            // the spectrogram changes over time, drawn at 20 frames a second or more
            until(browser, 10, () -> ((Number) js.executeScript("return window.harkDashboard.framesDrawn")).intValue()
                    > 100);
            String before = (String) js.executeScript("return document.getElementById('spectrogram').toDataURL()");
            Thread.sleep(600);
            String after = (String) js.executeScript("return document.getElementById('spectrogram').toDataURL()");
            assertNotEquals(before, after, "the spectrogram scrolls");
            long fps = ((Number) js.executeScript("return window.harkDashboard.fps")).longValue();
            long best = ((Number) js.executeScript("return window.harkDashboard.maxFps")).longValue();
            System.out.println("dashboard: spectrogram drawn at " + fps + " frames per second (best second " + best
                    + ")");
            assertTrue(best >= 20, "drawn at " + best + " frames per second at best"); // a loaded machine slows it

            // the dog's event is listed within 2 s of its onset in the stream
            WebElement dog = until(browser, 30, () -> first(browser, "li.event[data-concept='Dog']"));
            long shownAt = Long.parseLong(dog.getDomAttribute("data-shown-at"));
            StoredEvent dogEvent = s.store().query(EventQuery.all()).stream().filter(e -> e.concept().equals("Dog"))
                    .findFirst().orElseThrow();
            long onsetSample = Math.round(dogEvent.startSeconds() * 16_000);
            long onsetHeardAt = heard.stream().filter(h -> h[1] >= onsetSample).findFirst().orElseThrow()[0];
            watcher.join(5000);
            events.close();
            double lateSeconds = (shownAt - onsetHeardAt) / 1000.0;
            double behindStream = (shownAt - streamedAt[0]) / 1000.0;
            System.out.printf("dashboard: the onset was on the stream %.2f s after its audio reached the detector, "
                    + "in the list %.2f s after that%n", (streamedAt[0] - onsetHeardAt) / 1000.0, behindStream);
            assertTrue(streamedAt[0] > 0 && behindStream < 1.0, "listed " + behindStream + " s after the stream said");
            assertTrue(lateSeconds < 2.0, "listed " + lateSeconds + " s after its onset at " + dogEvent.startSeconds()
                    + " s reached the detector");
            System.out.printf("dashboard: the dog's event listed %.2f s after its onset (%.2f s) reached the detector%n",
                    lateSeconds, dogEvent.startSeconds());

            // its clip loads in the page's audio element, with the clip's duration
            WebElement audio = until(browser, 20, () -> first(browser, "#event-" + dogEvent.id() + " audio"));
            until(browser, 10, () -> ((Number) js.executeScript("return arguments[0].readyState", audio)).intValue()
                    >= 1);
            double duration = ((Number) js.executeScript("return arguments[0].duration", audio)).doubleValue();
            StoredEvent ended = s.store().get(dogEvent.id()).orElseThrow();
            assertEquals(ended.endSeconds() - ended.startSeconds() + 1.0, duration, 0.05,
                    "the event with a second of pre-roll");
            js.executeScript("arguments[0].play()", audio);
            until(browser, 10, () -> ((Number) js.executeScript("return arguments[0].currentTime", audio))
                    .doubleValue() > 0);
            WebElement thumb = first(browser, "#event-" + dogEvent.id() + " img.thumb");
            assertEquals(Boolean.TRUE, js.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 1",
                    thumb), "the thumbnail is a real image");

            browser.findElement(By.cssSelector("#event-" + dogEvent.id() + " button.right")).click();
            WebElement verdict = browser.findElement(By.cssSelector("#event-" + dogEvent.id() + " .verdict"));
            until(browser, 10, () -> verdict.getText().contains("filed"));
            Path filed = state.resolve("dataset").resolve("Dog");
            until(browser, 10, () -> "right".equals(s.store().get(dogEvent.id()).orElseThrow().verdict()));
            try (Stream<Path> files = Files.list(filed)) {
                assertEquals(1, files.filter(p -> p.toString().endsWith(".wav")).count(), "the clip is filed");
            }

            // screenshots while the rooster sounds (its bar stays below the threshold mark now at 1.0)
            until(browser, 20, () -> s.detector().isFinished() || Boolean.TRUE.equals(js.executeScript(
                    "const w = window.harkDashboard.lastWindow; return !!w && w.concepts.some("
                    + "c => c.concept === arguments[0] && c.score >= 0.3);", ROOSTER)));
            shot(browser, shots.resolve("dashboard.png"));
            browser.findElement(By.tagName("body")).sendKeys("l");
            until(browser, 5, () -> browser.findElement(By.tagName("body")).getDomAttribute("class").contains("large"));
            shot(browser, shots.resolve("dashboard-large.png"));
            browser.findElement(By.id("large-type")).click();
            browser.manage().window().setSize(new Dimension(390, 1500));
            shot(browser, shots.resolve("dashboard-phone.png"));
            browser.manage().window().setSize(new Dimension(1280, 1250));

            // relabelled with the keyboard alone: the clip goes under the label typed
            WebElement relabel = browser.findElement(By.cssSelector("#event-" + dogEvent.id() + " button.relabel"));
            relabel.sendKeys(Keys.ENTER);
            WebElement label = until(browser, 5, () -> first(browser, "#event-" + dogEvent.id() + " .relabel-form input"));
            assertEquals(label, browser.switchTo().activeElement(), "the field has the focus");
            label.sendKeys("Bark", Keys.ENTER);
            until(browser, 10, () -> verdict.getText().startsWith("relabelled Bark"));
            until(browser, 10, () -> "relabel:Bark".equals(s.store().get(dogEvent.id()).orElseThrow().verdict()));
            try (Stream<Path> files = Files.list(state.resolve("dataset").resolve("Bark"))) {
                assertEquals(1, files.count(), "the clip is filed under Bark");
            }

            // the input ends: the banner says so, and the rooster was not reported
            assertTrue(s.await(60, TimeUnit.SECONDS));
            Scenes.settle(s);
            WebElement banner = browser.findElement(By.id("banner"));
            until(browser, 10, () -> banner.isDisplayed() && banner.getText().startsWith("Input ended"));
            List<String> concepts = s.store().query(EventQuery.all()).stream().map(StoredEvent::concept).toList();
            assertEquals(List.of("Dog"), concepts, "no rooster once its threshold is 1");
            assertTrue(browser.findElements(By.cssSelector("li.event[data-concept='" + ROOSTER + "']")).isEmpty());

            // a lost microphone, as the service reports it, and its return
            s.hub().publish("status", "{\"kind\":\"device_lost\",\"message\":\"device 'USB mic' stopped delivering "
                    + "audio\"}");
            until(browser, 5, () -> banner.getText().startsWith("Microphone lost: device 'USB mic'"));
            s.hub().publish("status", "{\"kind\":\"reconnected\",\"message\":\"device 'USB mic' is back\"}");
            until(browser, 5, () -> banner.getText().startsWith("Microphone back"));
            JsonNode st = s.status();
            assertFalse(st.path("running").asBoolean());
        }
    }

    /**
     * Teaching from the page on a virtual microphone, with the keyboard for the forms: two examples of "dog" and
     * background recorded from the stream, a training whose estimate the page shows, the live head switched to the
     * taught one, and the next dog listed as a "dog" event. Screenshots of the teaching panel (normal, large type,
     * phone width) go to {@code target/dashboard-screenshots}.
     */
    @Test
    void teachingFromThePage() throws Exception {
        Tools.assumeChromium();
        Path state = dir.resolve("state");
        Path shots = Path.of("target", "dashboard-screenshots");
        Files.createDirectories(shots);
        float[] dog = AudioFiles.readMono16k(TestData.dogClip());
        float[] rooster = AudioFiles.readMono16k(TestData.shared("datasets/esc50-dev/audio/1-26806-A-1.ogg"));
        PlayableSource mic = new PlayableSource();
        ServeConfig cfg = ServeConfig.of(TeachingApiTest.settings(state));
        try (HarkService s = HarkService.builder(cfg).source(mic).build()) {
            s.start();
            WebDriver browser = chromium();
            try {
                browser.manage().window().setSize(new Dimension(1280, 1400));
                browser.get("http://127.0.0.1:" + s.port() + "/");
                JavascriptExecutor js = (JavascriptExecutor) browser;
                until(browser, 20, () -> Boolean.TRUE.equals(js.executeScript("return window.harkDashboard.connected")));
                until(browser, 10, () -> browser.findElement(By.id("teach-dir")).getText()
                        .equals(state.resolve("dataset").toString()));

                // training with nothing taught: one line says why
                browser.findElement(By.id("teach-train")).sendKeys(Keys.ENTER);
                WebElement error = browser.findElement(By.id("teach-error"));
                until(browser, 10, () -> error.isDisplayed()
                        && error.getText().startsWith("too little data to train: no sound taught yet"));

                // two examples of "dog", typed and submitted with the keyboard
                WebElement label = browser.findElement(By.id("teach-label"));
                label.sendKeys("dog");
                WebElement count = browser.findElement(By.id("teach-count"));
                count.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2", Keys.ENTER);
                WebElement message = browser.findElement(By.id("teach-message"));
                until(browser, 10, () -> message.getText().startsWith("Recording: 0 of 2 examples of dog"));
                mic.play(Signals.concat(Signals.noise(1.0, -70, 3), dog, Signals.noise(1.5, -70, 4), dog));
                until(browser, 40, () -> "done".equals(message.getDomAttribute("data-state")));
                assertTrue(message.getText().startsWith("Recorded: 2 of 2 examples of dog"), message.getText());
                until(browser, 10, () -> "2".equals(first(browser, "#teach-folder li[data-label='dog']")
                        .getDomAttribute("data-count")));
                mic.awaitPlayed(20);

                // background while a rooster crows
                WebElement seconds = browser.findElement(By.id("teach-seconds"));
                seconds.sendKeys(Keys.chord(Keys.CONTROL, "a"), "10", Keys.ENTER);
                until(browser, 10, () -> message.getText().startsWith("Recording: 0 of 2 background pieces"));
                mic.play(Signals.concat(Signals.noise(1.0, -70, 5), rooster));
                until(browser, 30, () -> "done".equals(message.getDomAttribute("data-state")));
                until(browser, 10, () -> "2".equals(first(browser, "#teach-folder li[data-label='_negative']")
                        .getDomAttribute("data-count")));

                // an example plays in the page
                browser.findElement(By.cssSelector("#teach-folder li[data-label='dog'] button.play")).sendKeys(Keys.ENTER);
                WebElement player = browser.findElement(By.id("teach-player"));
                until(browser, 10, () -> ((Number) js.executeScript("return arguments[0].readyState", player))
                        .intValue() >= 1);
                assertTrue(((Number) js.executeScript("return arguments[0].duration", player)).doubleValue() > 0.1);

                // training in the background: the page shows the estimate
                browser.findElement(By.id("teach-train")).sendKeys(Keys.ENTER);
                until(browser, 120, () -> message.getText().startsWith("Trained: dog; leave-one-out estimate"));
                assertFalse(error.isDisplayed(), error.getText());
                System.out.println("dashboard: the page said: " + message.getText());

                // the live head switches; the next dog is a "dog" event in the list
                WebElement useTaught = browser.findElement(By.id("head-taught"));
                until(browser, 10, useTaught::isEnabled);
                useTaught.sendKeys(Keys.ENTER);
                WebElement live = browser.findElement(By.id("head-live"));
                until(browser, 10, () -> "taught".equals(live.getDomAttribute("data-live")));
                assertEquals("Live: taught head (dog)", live.getText());
                until(browser, 10, () -> first(browser, "input[data-concept='dog']") != null); // its threshold slider
                // (twice: a taught head of two examples hears a dog in some window placements only)
                mic.play(Signals.concat(Signals.noise(1.0, -70, 6), dog, Signals.noise(1.5, -70, 8), dog,
                        Signals.noise(1.0, -70, 7)));
                until(browser, 40, () -> first(browser, "li.event[data-concept='dog']"));
                List<String> stored = s.store().query(EventQuery.all()).stream().map(StoredEvent::concept).toList();
                assertTrue(stored.contains("dog"), "stored: " + stored);

                js.executeScript("document.getElementById('teach-details').open = true");
                browser.manage().window().setSize(new Dimension(1280, 2000)); // the whole panel in the viewport
                elementShot(browser, "teaching", shots.resolve("dashboard-teaching.png"));
                js.executeScript("document.getElementById('teach-details').open = false");
                browser.findElement(By.tagName("body")).sendKeys("l");
                until(browser, 5, () -> browser.findElement(By.tagName("body")).getDomAttribute("class")
                        .contains("large"));
                elementShot(browser, "teaching", shots.resolve("dashboard-teaching-large.png"));
                browser.findElement(By.id("large-type")).click();
                browser.manage().window().setSize(new Dimension(390, 2000));
                elementShot(browser, "teaching", shots.resolve("dashboard-teaching-phone.png"));
                browser.manage().window().setSize(new Dimension(1280, 1400));

                // and back to the default concepts
                WebElement useDefault = browser.findElement(By.id("head-default"));
                useDefault.sendKeys(Keys.ENTER);
                until(browser, 10, () -> "default".equals(live.getDomAttribute("data-live")));
                assertEquals(List.of("Dog", "Chicken, rooster"), s.detector().concepts());
            } finally {
                browser.quit();
            }
        }
    }

    private static void elementShot(WebDriver b, String id, Path target) throws java.io.IOException {
        WebElement e = b.findElement(By.id(id));
        ((JavascriptExecutor) b).executeScript("arguments[0].scrollIntoView({block: 'start'})", e); // all of it in view
        Files.write(target, e.getScreenshotAs(OutputType.BYTES));
    }

    static WebDriver chromium() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(service, o);
    }

    private static WebElement first(WebDriver b, String css) {
        List<WebElement> found = b.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
    }

    /** Waits until {@code what} gives something other than null or false; returns it. */
    @SuppressWarnings("unchecked")
    private static <T> T until(WebDriver b, int seconds, java.util.function.Supplier<T> what) {
        Object v = new WebDriverWait(b, Duration.ofSeconds(seconds), Duration.ofMillis(50)).until(d -> {
            T t = what.get();
            return t instanceof Boolean bool && !bool ? null : t;
        });
        return (T) v;
    }

    private static void shot(WebDriver b, Path target) throws java.io.IOException {
        Files.write(target, ((org.openqa.selenium.TakesScreenshot) b).getScreenshotAs(OutputType.BYTES));
    }
}
