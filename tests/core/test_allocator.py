"""The app's allocator settings apply on glibc (this project's machines) and fail softly elsewhere."""
import platform

from quantviz.allocator import keep_freed_memory


def test_settings_apply_where_there_is_glibc():
    assert keep_freed_memory() is (platform.libc_ver()[0] == "glibc")
    assert keep_freed_memory() is keep_freed_memory()     # idempotent: the app calls it on every run
