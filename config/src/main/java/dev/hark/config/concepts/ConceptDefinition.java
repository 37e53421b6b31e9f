package dev.hark.config.concepts;

import dev.hark.config.Bounds;
import dev.hark.config.OnsetRule;
import dev.hark.errors.BadInputException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A sound concept as written in the catalogue or a listen config: a short snake_case name and the model classes
 * that make it. File form (one concept, keys under {@code concepts.NAME.}):
 * <pre>
 * concepts.dog.classes   = Dog                  # a class brings its descendants (Bark, Yip, Howl, ...)
 * concepts.alarm.classes = Alarm clock;=Alarm   # '=' takes a class alone, without its descendants
 * concepts.door.exclude  = Doorbell;Knock       # removed, with their descendants
 * concepts.dog.threshold = 0.35                 # the concept's score threshold
 * concepts.siren.onset   = 2/2                  # its onset rule: 2 of the last 2 windows at or above it
 * concepts.dog.default   = true                 # tracked when no list of concepts is given
 * concepts.dog.note      = chosen on ...        # free text: where the threshold comes from
 * </pre>
 * A concept with the single class {@code @level} is {@code loud}-like: its score comes from the sound level
 * above the noise floor, not from a model.
 *
 * @param name snake_case name
 * @param classes class names as written (a leading '=' means without descendants); empty in an override of a
 *        catalogue concept that keeps the catalogue's classes
 * @param exclude class names removed from the expansion (with their descendants)
 * @param threshold the concept's threshold, or null to use the general {@code events.threshold}
 * @param byDefault whether the concept is tracked when the user names none; null: as the catalogue says (true
 *        for a new concept)
 * @param note where the threshold comes from (free text, may be empty)
 * @param onset the concept's onset rule, or null for the general {@code events.onset-windows} of
 *        {@code events.onset-of}
 */
public record ConceptDefinition(String name, List<String> classes, List<String> exclude, Double threshold,
        Boolean byDefault, String note, OnsetRule onset) {
    /** The pseudo-class of concepts scored by the sound level rather than a model. */
    public static final String LEVEL_CLASS = "@level";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public ConceptDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new BadInputException("bad concept name '" + name + "' (lower-case letters, digits and '_', "
                    + "starting with a letter)");
        }
        classes = classes == null ? List.of() : List.copyOf(classes);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        if (threshold != null) {
            Bounds.check(ConceptDefinitions.PREFIX + name + ".threshold", threshold, 0.0, 1.0);
        }
        note = note == null ? "" : note.strip();
    }

    /** A concept with the general onset rule. */
    public ConceptDefinition(String name, List<String> classes, List<String> exclude, Double threshold,
            Boolean byDefault, String note) {
        this(name, classes, exclude, threshold, byDefault, note, null);
    }

    /** Whether this concept is scored by the sound level (needs no model). */
    public boolean isLevel() {
        return classes.equals(List.of(LEVEL_CLASS));
    }

    /** Whether the concept is tracked when the user names none. */
    public boolean tracksByDefault() {
        return byDefault == null || byDefault;
    }

    /** This concept as an override of {@code base} (same name): what this one leaves unset comes from {@code base}. */
    public ConceptDefinition over(ConceptDefinition base) {
        if (base == null) {
            return this;
        }
        return new ConceptDefinition(name, classes.isEmpty() ? base.classes() : classes,
                classes.isEmpty() && exclude.isEmpty() ? base.exclude() : exclude,
                threshold != null ? threshold : base.threshold(), byDefault != null ? byDefault : base.byDefault(),
                note.isEmpty() ? base.note() : note, onset != null ? onset : base.onset());
    }

    /** This concept with threshold {@code t}. */
    public ConceptDefinition withThreshold(double t) {
        return new ConceptDefinition(name, classes, exclude, t, byDefault, note, onset);
    }
}
