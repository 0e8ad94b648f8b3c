import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ErrandView } from '../../services/errands';
import { photoSrc } from '../../services/photos';
import './index.css';

/** The receipt and the delivery photo, once recorded: the proof both sides can look at. */
export function ErrandPhotos({ errand }: { errand: ErrandView }) {
  const photos = [
    { label: '小票', fileID: errand.receiptFileId },
    { label: '送达照片', fileID: errand.deliveryFileId },
  ].flatMap(({ label, fileID }) => (fileID ? [{ label, src: photoSrc(fileID) }] : []));
  if (photos.length === 0) return null;

  const enlarge = (current: string) => {
    Taro.previewImage({ current, urls: photos.map((photo) => photo.src) }).catch(() => {
      // Closing the viewer, or a platform without one, leaves the thumbnail where it was.
    });
  };
  return (
    <View className="errand-photos">
      {photos.map((photo) => (
        <View key={photo.label} className="errand-photo" onClick={() => enlarge(photo.src)}>
          <Image
            className="errand-photo__image"
            src={photo.src}
            mode="aspectFill"
            ariaLabel={`${photo.label}，点击查看大图`}
          />
          <Text className="errand-photo__label">{photo.label}</Text>
        </View>
      ))}
    </View>
  );
}
