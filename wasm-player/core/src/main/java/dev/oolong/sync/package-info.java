/**
 * The canvas path's timing: {@link dev.oolong.sync.MediaClock} (audio master while audio plays,
 * the wall clock otherwise, playback rate), {@link dev.oolong.sync.AudioPlayhead} (the audio
 * worklet's played-frames counter as media time) and {@link dev.oolong.sync.VideoScheduler}
 * (which decoded frame is on screen: due frames drawn, late ones dropped and counted, early ones
 * waited for, frame-accurate seeks). Pure Java, no browser: the {@code web} package drives them
 * from display refreshes and the worklet's counter. Times are microseconds.
 */
package dev.oolong.sync;
