/**
 * The exceptions every module throws: {@link dev.hark.errors.BadInputException} (the user's input: a file, an
 * option, a device) and {@link dev.hark.errors.ModelException} (a model file), each with a one-line message.
 */
package dev.hark.errors;
