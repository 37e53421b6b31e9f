/**
 * Sound concepts as settings: a named group of model classes with a threshold ({@code concepts.NAME.*} keys of the
 * catalogue and of a listen config), parsed and validated in one place.
 */
package dev.hark.config.concepts;
