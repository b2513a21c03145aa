package io.chainbeasts.client.ui;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.PixmapIO;
import com.badlogic.gdx.utils.BufferUtils;
import com.badlogic.gdx.utils.ScreenUtils;
import io.chainbeasts.client.model.ClientError;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Saves the frame buffer as a PNG (top row first, opaque); never over an existing file. */
public final class Screenshots {
    private Screenshots() {}

    public static void save(Path file) {
        if (Files.exists(file)) throw new ClientError(file + " already exists; choose another name (nothing was overwritten)");
        int w = Gdx.graphics.getBackBufferWidth();
        int h = Gdx.graphics.getBackBufferHeight();
        byte[] pixels = ScreenUtils.getFrameBufferPixels(0, 0, w, h, true);
        for (int i = 3; i < pixels.length; i += 4) pixels[i] = (byte) 255;
        Pixmap p = new Pixmap(w, h, Pixmap.Format.RGBA8888);
        ByteBuffer buf = p.getPixels();
        BufferUtils.copy(pixels, 0, buf, pixels.length);
        try {
            PixmapIO.writePNG(new FileHandle(file.toFile()), p, -1, false); // rows are already top-down
        } finally {
            p.dispose();
        }
    }
}
