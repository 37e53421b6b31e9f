package dev.hark.serve.webhook;

import dev.hark.errors.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code webhooks:} section of {@code hark.yaml}: a list of targets, each a map with {@code url} (required),
 * {@code headers}, {@code retries}, {@code timeout-seconds} and {@code queue}.
 *
 * @param targets the URLs, in the file's order
 */
public record WebhookSettings(List<WebhookTarget> targets) {
    public static final String SECTION = "webhooks";

    public WebhookSettings {
        targets = List.copyOf(targets);
    }

    /** Parses the section (a list as parsed from YAML; null: no webhooks). */
    public static WebhookSettings fromList(Object section) {
        if (section == null) {
            return new WebhookSettings(List.of());
        }
        if (!(section instanceof List<?> list)) {
            throw new BadInputException("bad value for webhooks: expected a list of targets (- url: ...)");
        }
        List<WebhookTarget> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(WebhookTarget.fromMap(list.get(i), i));
        }
        return new WebhookSettings(out);
    }
}
