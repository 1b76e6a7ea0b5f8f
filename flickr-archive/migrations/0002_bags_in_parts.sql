-- A target larger than a worker's --bag-max-bytes is packaged as several
-- bags, `bag_key/part-0001` and on; bag_parts says how many (1: bag_key is
-- the bag itself).
ALTER TABLE targets ADD COLUMN bag_parts INTEGER;
UPDATE targets SET bag_parts = 1 WHERE bag_key IS NOT NULL;
