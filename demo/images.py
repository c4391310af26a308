"""Demo illustrations drawn locally with Pillow and registered as Wagtail images in a "Démo" collection.

No network and no file in the repository: each picture is a simple composition (gradient, shapes,
a title-like band) in the hub's colours. `ensure_demo_images()` is idempotent: an image is looked
up by its title in the collection, and only its file is redrawn when the media folder lost it.
"""

import io
import math

from PIL import Image as PillowImage
from PIL import ImageDraw

COLLECTION_NAME = "Démo"
SIZE = (1600, 900)
BAND_HEIGHT = 150

# The hub's palette (static/css/hub.css).
BLUE = (9, 87, 151)
BLUE_DARK = (34, 54, 84)
BLUE_PALE = (218, 230, 240)
WHITE = (255, 255, 255)
GREY = (107, 119, 138)
GREY_LIGHT = (197, 202, 210)
RED = (203, 56, 31)
GREEN = (46, 125, 50)
YELLOW = (255, 184, 0)
PINK = (229, 130, 113)


def _canvas(top=BLUE_PALE, bottom=(246, 249, 252)):
    """A vertical gradient with a dark title-like band: a logo square and two bars standing for text."""
    mask = PillowImage.linear_gradient("L").resize(SIZE)
    image = PillowImage.composite(PillowImage.new("RGB", SIZE, bottom), PillowImage.new("RGB", SIZE, top), mask)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], BAND_HEIGHT), fill=BLUE_DARK)
    draw.rounded_rectangle((80, 40, 150, 110), radius=10, fill=BLUE)
    draw.rounded_rectangle((180, 48, 720, 76), radius=14, fill=WHITE)
    draw.rounded_rectangle((180, 92, 520, 108), radius=8, fill=GREY_LIGHT)
    return image, draw


def _journey():
    image, draw = _canvas()
    points = [(200 + index * 300, 520 + int(150 * math.sin(index * 1.3))) for index in range(5)]
    draw.line(points, fill=BLUE, width=14, joint="curve")
    for (x, y), colour in zip(points, [BLUE, GREEN, YELLOW, PINK, BLUE_DARK], strict=True):
        draw.ellipse((x - 70, y - 70, x + 70, y + 70), fill=colour, outline=WHITE, width=10)
        draw.ellipse((x - 22, y - 22, x + 22, y + 22), fill=WHITE)
    return image


def _governance():
    image, draw = _canvas()
    draw.rounded_rectangle((640, 210, 960, 330), radius=16, fill=BLUE_DARK)
    draw.rounded_rectangle((690, 255, 910, 285), radius=15, fill=WHITE)
    for index, colour in enumerate([BLUE, GREEN, PINK]):
        left = 220 + index * 440
        draw.line((800, 330, 800, 380, left + 160, 380, left + 160, 420), fill=GREY, width=8)
        draw.rounded_rectangle((left, 420, left + 320, 530), radius=16, fill=colour)
        draw.rounded_rectangle((left + 50, 460, left + 270, 488), radius=14, fill=WHITE)
    draw.line((140, 730, 1460, 730), fill=BLUE_DARK, width=10)
    for index in range(4):
        x = 300 + index * 330
        draw.polygon([(x, 680), (x + 50, 730), (x, 780), (x - 50, 730)], fill=YELLOW, outline=BLUE_DARK, width=6)
    return image


def _cloud():
    image, draw = _canvas(top=(200, 220, 238))
    for box in [(520, 190, 820, 470), (720, 150, 1080, 480), (980, 230, 1220, 470), (430, 300, 640, 480)]:
        draw.ellipse(box, fill=WHITE)
    draw.rectangle((520, 380, 1160, 480), fill=WHITE)
    for index in range(3):
        left = 380 + index * 330
        draw.rounded_rectangle((left, 640, left + 200, 840), radius=12, fill=BLUE_DARK)
        for row in range(4):
            top = 665 + row * 42
            draw.rounded_rectangle((left + 24, top, left + 176, top + 24), radius=6, fill=BLUE)
            draw.ellipse((left + 150, top + 6, left + 162, top + 18), fill=GREEN)
        centre = left + 100
        draw.line((centre, 620, centre, 520), fill=BLUE, width=14)
        draw.polygon([(centre - 34, 530), (centre + 34, 530), (centre, 490)], fill=BLUE)
    return image


def _open_data():
    image, draw = _canvas()
    draw.line((140, 820, 900, 820), fill=BLUE_DARK, width=8)
    heights = [150, 220, 260, 340, 420, 520]
    for index, height in enumerate(heights):
        left = 180 + index * 120
        draw.rounded_rectangle((left, 820 - height, left + 80, 816), radius=8, fill=[BLUE, BLUE, GREEN][index % 3])
    for row in range(6):
        top = 260 + row * 90
        draw.rectangle((1000, top, 1480, top + 90), fill=BLUE_DARK if row == 0 else WHITE, outline=GREY, width=3)
        draw.line((1160, top, 1160, top + 90), fill=GREY, width=3)
        draw.line((1320, top, 1320, top + 90), fill=GREY, width=3)
        for column in range(3):
            bar_left = 1025 + column * 160
            bar_width = 110 - ((row + column) % 3) * 25
            draw.rounded_rectangle(
                (bar_left, top + 35, bar_left + bar_width, top + 55),
                radius=10,
                fill=WHITE if row == 0 else GREY_LIGHT,
            )
    return image


def _accessibility():
    image, draw = _canvas()
    draw.rounded_rectangle((200, 210, 1000, 840), radius=18, fill=WHITE, outline=GREY_LIGHT, width=4)
    for row in range(6):
        top = 260 + row * 60
        draw.rounded_rectangle((250, top, 950 - (row % 3) * 140, top + 24), radius=12, fill=GREY_LIGHT)
    draw.rounded_rectangle((238, 658, 592, 772), radius=16, outline=YELLOW, width=12)
    draw.rounded_rectangle((260, 680, 570, 750), radius=10, fill=BLUE)
    draw.rounded_rectangle((320, 705, 510, 725), radius=10, fill=WHITE)
    draw.line((1290, 600, 1460, 790), fill=BLUE_DARK, width=44)
    draw.ellipse((1010, 290, 1350, 630), fill=BLUE_PALE, outline=BLUE_DARK, width=26)
    draw.rounded_rectangle((1090, 430, 1270, 460), radius=15, fill=BLUE)
    return image


def _design_system():
    image, draw = _canvas(top=(236, 242, 248))
    for index, (fill, outline) in enumerate([(BLUE, BLUE), (WHITE, BLUE), (RED, RED)]):
        left = 140 + index * 300
        draw.rounded_rectangle((left, 220, left + 250, 300), radius=10, fill=fill, outline=outline, width=5)
        draw.rounded_rectangle((left + 50, 250, left + 200, 270), radius=10, fill=BLUE if fill == WHITE else WHITE)
    draw.rounded_rectangle((140, 360, 990, 440), radius=8, fill=WHITE, outline=GREY, width=4)
    draw.rounded_rectangle((170, 390, 480, 410), radius=10, fill=GREY_LIGHT)
    for row in range(3):
        top = 500 + row * 100
        draw.rounded_rectangle(
            (140, top, 200, top + 60), radius=8, fill=BLUE if row != 1 else WHITE, outline=BLUE, width=5
        )
        if row != 1:
            draw.line((155, top + 32, 168, top + 45, 188, top + 17), fill=WHITE, width=8)
        draw.rounded_rectangle((230, top + 20, 620 - row * 60, top + 40), radius=10, fill=GREY_LIGHT)
    for index in range(2):
        left = 1080
        top = 220 + index * 330
        draw.rounded_rectangle((left, top, left + 400, top + 290), radius=14, fill=WHITE, outline=GREY_LIGHT, width=4)
        draw.rectangle((left + 2, top + 2, left + 398, top + 120), fill=[BLUE_PALE, (227, 243, 228)][index])
        draw.rounded_rectangle((left + 30, top + 150, left + 330, top + 176), radius=13, fill=BLUE_DARK)
        draw.rounded_rectangle((left + 30, top + 200, left + 260, top + 218), radius=9, fill=GREY_LIGHT)
        draw.rounded_rectangle((left + 30, top + 236, left + 300, top + 254), radius=9, fill=GREY_LIGHT)
    return image


# key: (title in the media library, drawing)
DEMO_IMAGES = {
    "parcours": ("Démo — parcours citoyen", _journey),
    "gouvernance": ("Démo — gouvernance de projet", _governance),
    "infonuagique": ("Démo — migration infonuagique", _cloud),
    "donnees": ("Démo — données ouvertes", _open_data),
    "accessibilite": ("Démo — accessibilité", _accessibility),
    "design": ("Démo — système de design", _design_system),
}


def draw_png(key):
    """The PNG bytes of one demo illustration."""
    buffer = io.BytesIO()
    DEMO_IMAGES[key][1]().save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def demo_collection():
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    return collection or root.add_child(name=COLLECTION_NAME)


def _attach_file(image, key):
    from django.core.files.images import ImageFile

    image.file = ImageFile(io.BytesIO(draw_png(key)), name=f"demo-{key}.png")
    image._set_image_file_metadata()


def _encode_renditions(image):
    """Render the image block once, so the first visitor does not wait for its AVIF and WebP encodings."""
    from hub.blocks import CaptionedImageBlock

    block = CaptionedImageBlock()
    block.render(block.to_python({"image": image.pk, "alt": image.title, "caption": ""}))


def ensure_demo_images():
    """The demo illustrations, keyed as DEMO_IMAGES; created once, their files redrawn if missing."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    collection = demo_collection()
    images = {}
    for key, (title, _drawing) in DEMO_IMAGES.items():
        image = image_model.objects.filter(collection=collection, title=title).first()
        if image is None:
            image = image_model(title=title, collection=collection)
            _attach_file(image, key)
            image.save()
            _encode_renditions(image)
        elif not image.file.storage.exists(image.file.name):
            image.renditions.all().delete()
            _attach_file(image, key)
            image.save()
            _encode_renditions(image)
        images[key] = image
    return images
