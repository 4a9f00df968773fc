"""FER-2013 training, evaluation and TensorFlow.js export for MoodReel's emotion CNN."""

# The order of the model's seven outputs; it is also FER-2013's label numbering.
EMOTIONS = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
IMAGE_SIZE = 48
